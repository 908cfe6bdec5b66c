/**
 * The database schema, as the numbered migrations that build it, in the order they are applied
 * (`migrate` in ../migrate.ts runs the pending ones and records the last in `user_version`).
 *
 * To change the schema, add a file with the next number, `NNNN-what-it-does.ts`, exporting
 * `migration = { version: NNNN, name, sql }`, and add it at the end of the list below. That is all.
 * Never edit a migration that has landed: offices' databases already ran it, and
 * test/integration/migrations.test.ts keeps each landed migration's SHA-256 to catch an edit.
 * Versions must run 1, 2, 3… with no gap or repeat; `migrate` refuses the list otherwise.
 */
import { migration as foundation } from './0001-foundation';
import { migration as handoverItemsByService } from './0002-handover-items-by-service';
import { migration as backupsByService } from './0003-backups-by-service';
import { migration as mailbox } from './0004-mailbox';
import { migration as packagesConsolidationDepuration } from './0005-packages-consolidation-depuration';
import { migration as stagedApplies } from './0006-staged-applies';
import { migration as jobHistory } from './0007-job-history';
import { migration as trustedNationalLoop } from './0008-trusted-national-loop';
import { migration as accountability } from './0009-accountability';
import { migration as dailyCloseAndCampaigns } from './0010-daily-close-and-campaigns';
import { migration as thirdPartyDocuments } from './0011-third-party-documents';
import { migration as depurationRecordings } from './0012-depuration-recordings';
import { migration as updateApplies } from './0013-update-applies';
import { migration as backupFilesIndexes } from './0014-backup-files-indexes';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  foundation,
  handoverItemsByService,
  backupsByService,
  mailbox,
  packagesConsolidationDepuration,
  stagedApplies,
  jobHistory,
  trustedNationalLoop,
  accountability,
  dailyCloseAndCampaigns,
  thirdPartyDocuments,
  depurationRecordings,
  updateApplies,
  backupFilesIndexes,
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
