// Recomputing a service's status after each acta looks up its returned items by service.
export const migration = {
  version: 2,
  name: 'handover items by service',
  sql: `CREATE INDEX handover_items_service ON handover_items(service_id);`,
};
