import { CampaignSettings } from '../campaign';
import { contract, Empty } from './contract';

export const settingsGet = contract('settings:get', Empty, CampaignSettings);
export const settingsUpdate = contract('settings:update', CampaignSettings, CampaignSettings);
