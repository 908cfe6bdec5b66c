import { campaignsList, campaignsStart } from '../../shared/contracts/campaigns';
import { actorOf } from '../app/audit';
import { campaignsState, startCampaign } from '../campaigns/startCampaign';
import { handle } from './define';

/**
 * Campaigns: those who follow the campaign (coordinators, Posventa, administrators) see the current
 * one and the archives; only the administrator starts a new one (`settings`), at the central as at
 * an office: it removes the old campaign's records from this database, a decision for whoever
 * configures the station, not for the analysts who consolidate.
 */
export const campaignHandlers = [
  handle(campaignsList, 'progress', (_input, { app }) => campaignsState(app.db)),
  handle(campaignsStart, 'settings', (input, { app, session }) => startCampaign({ db: app.db, dbPath: app.dbPath, dataDir: app.dataDir, input, actor: actorOf(session) })),
];
