// A service's status reads the latest backup that covers it.
export const migration = {
  version: 3,
  name: 'backups by service',
  sql: `CREATE INDEX backup_services_service ON backup_services(service_id);
CREATE INDEX backups_status ON backups(status, created_at);
CREATE INDEX backups_customer ON backups(customer_id);`,
};
