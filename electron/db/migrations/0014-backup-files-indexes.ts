/**
 * A respaldo's documents are read by the respaldo (every card and review that shows it, every
 * document opened) and by their content hash (retention, a document shared by several respaldos):
 * without an index each was a scan of every document of the campaign, tens of thousands at the central.
 */
export const migration = {
  version: 14,
  name: 'backup-files-indexes',
  sql: `CREATE INDEX backup_files_backup ON backup_files (backup_id);
CREATE INDEX backup_files_sha256 ON backup_files (sha256);
`,
};
