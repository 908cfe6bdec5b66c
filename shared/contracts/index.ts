import { appDiagnostics, appInfo, appRecoveryKey, setupAdmin, setupInit } from './app';
import { auditExport, auditList, auditVerify } from './audit';
import { authIdleLock, authLock, authSetIdleLock, authSignIn, authSignOut, authUnlock } from './auth';
import { backupsCheckDocument, backupsFile, backupsForCustomer, backupsQueue, backupsRegister, backupsReview } from './backups';
import { campaignsList, campaignsStart } from './campaigns';
import { billingBatches, billingMarkConfirmed, billingMarkSent } from './billing';
import { conflictsList, conflictsResolve } from './conflicts';
import { customerGet, searchQuery } from './customers';
import { dbBackupsCreate, dbBackupsList, dbBackupsRestore, dbBackupsSetFolder } from './dbBackups';
import {
  handoversAttachDocuments,
  handoversForCustomer,
  handoversGet,
  handoversList,
  handoversPdf,
  handoversSave,
  handoversSerialOwner,
  handoversVerify,
  handoversVoid,
} from './handovers';
import { importStart } from './importBase';
import { jobsCancel, jobsGet, jobsHistory } from './jobs';
import { mailAssign, mailImport, mailParseSubject, mailUnassigned } from './mail';
import { progressReport } from './progress';
import { dailyCloseExport, dailyCloseGet, dailyClosePdf, dailyCloseSave, dailyCloseSign } from './dailyClose';
import { pricesGet, pricesSave, settingsGet, settingsUpdate } from './settings';
import { sharedFolderGet, sharedFolderNotices, sharedFolderPackages, sharedFolderSet } from './sharedFolder';
import { stationsEnrol, stationsIdentity, stationsList, stationsReadIdentityFile, stationsSaveIdentity, stationsTrustCentral } from './stations';
import { syncConsolidate, syncDepurate, syncExport, syncOverview } from './sync';
import { updatesApply, updatesPublish, updatesStatus } from './updates';
import { usersChangeOwnPassword, usersCreate, usersDeactivate, usersList, usersReactivate, usersResetPassword, usersUpdate } from './users';

/** Every call the renderer may make. The preload and the browser-mode server refuse anything else. */
export const CONTRACTS = {
  appInfo,
  appDiagnostics,
  appRecoveryKey,
  setupInit,
  setupAdmin,
  authSignIn,
  authSignOut,
  authLock,
  authUnlock,
  authIdleLock,
  authSetIdleLock,
  usersList,
  usersCreate,
  usersUpdate,
  usersDeactivate,
  usersReactivate,
  usersResetPassword,
  usersChangeOwnPassword,
  settingsGet,
  settingsUpdate,
  pricesGet,
  pricesSave,
  searchQuery,
  customerGet,
  importStart,
  jobsGet,
  jobsCancel,
  jobsHistory,
  handoversSave,
  handoversGet,
  handoversVoid,
  handoversForCustomer,
  handoversList,
  handoversSerialOwner,
  handoversPdf,
  handoversVerify,
  handoversAttachDocuments,
  backupsRegister,
  backupsCheckDocument,
  backupsQueue,
  backupsForCustomer,
  backupsFile,
  backupsReview,
  mailImport,
  mailUnassigned,
  mailAssign,
  mailParseSubject,
  syncExport,
  syncConsolidate,
  syncDepurate,
  syncOverview,
  updatesPublish,
  updatesApply,
  updatesStatus,
  conflictsList,
  conflictsResolve,
  billingBatches,
  billingMarkSent,
  billingMarkConfirmed,
  stationsIdentity,
  stationsSaveIdentity,
  stationsReadIdentityFile,
  stationsTrustCentral,
  stationsEnrol,
  stationsList,
  sharedFolderGet,
  sharedFolderSet,
  sharedFolderNotices,
  sharedFolderPackages,
  auditList,
  auditVerify,
  auditExport,
  dbBackupsList,
  dbBackupsCreate,
  dbBackupsSetFolder,
  dbBackupsRestore,
  progressReport,
  dailyCloseGet,
  dailyCloseSave,
  dailyCloseSign,
  dailyClosePdf,
  dailyCloseExport,
  campaignsList,
  campaignsStart,
} as const;

export type Contracts = typeof CONTRACTS;
export const CHANNELS: readonly string[] = Object.values(CONTRACTS).map((c) => c.channel);
