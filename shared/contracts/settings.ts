import { z } from 'zod';
import { CampaignSettings } from '../campaign';
import { PriceListSchema } from '../prices';
import { contract, Empty } from './contract';

export const settingsGet = contract('settings:get', Empty, CampaignSettings);
export const settingsUpdate = contract('settings:update', CampaignSettings, CampaignSettings);

/** Prices per equipment type, in cents by type (shared/prices.ts): every user reads them, only the administrator saves them. */
export const PricesState = z.object({ prices: PriceListSchema });
export const pricesGet = contract('prices:get', Empty, PricesState);
export const pricesSave = contract('prices:save', PricesState, PricesState);
