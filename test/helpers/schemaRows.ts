/**
 * A small office's worth of records in every table of the schema, written as rows of the tables
 * themselves (not through the app), so a test can put them in a database of an older schema and
 * check that upgrading keeps each one. Tables are listed parents first, so inserting them in
 * order satisfies the foreign keys. A table or column that a migration adds needs rows here too:
 * the upgrade test refuses a table or column of the previous schema that these rows leave empty.
 */
export type SchemaRow = Record<string, string | number | null>;

const id = (n: number) => `0195f1c2-7a10-7c3e-8a4b-${String(n).padStart(12, '0')}`;
const hex = (seed: string) => seed.repeat(64).slice(0, 64);

const LOCAL = 'UIO-INAQUITO-01';
const REMOTE = 'GYE-KENNEDY-02';

export const ID = {
  localStation: id(1),
  remoteStation: id(2),
  admin: id(10),
  clerk: id(11),
  baseImport: id(20),
  returnsImport: id(21),
  maria: id(30),
  company: id(31),
  unnamed: id(32),
  mariaInternet: id(40),
  mariaTv: id(41),
  companyPhone: id(42),
  outOfBase: id(43),
  modem: id(50),
  decoder: id(51),
  smartCard: id(52),
  phoneSet: id(53),
  acta1: id(60),
  acta2: id(61),
  historical: id(62),
  remoteActa: id(63),
  backup: id(80),
  mailAssigned: id(90),
  mailWaiting: id(91),
} as const;

export const MARIA_NAME = 'PÉREZ GUAMÁN MARÍA JOSÉ';

export const SCHEMA_ROWS: Record<string, SchemaRow[]> = {
  settings: [
    { key: 'campaign', value: '{"startDate":"2026-03-02","deadline":"2026-04-30","phone":"1800-100-100"}' },
    { key: 'prices', value: '{"MODEM":4500,"DECODIFICADOR":3250}' },
  ],
  stations: [
    { id: ID.localStation, code: LOCAL, office: 'CAC Iñaquito', regional: 'Regional 1', city: 'Quito', is_local: 1, created_at: '2026-03-01T13:00:00.000Z',
      role: 'OFICINA', public_key: 'm0Yk3n7c0l8cTqWbq2f5cXk9mJrQ0t1qZ8u7w3s1aJY=', fingerprint: 'A1B2-C3D4-E5F6-0718', enrolled_at: null,
      encryption_key: 'Vn3J8wq0sY2cK7tLh5bXz1mR4dP9gF6eA0uQ2iO8tKw=' },
    { id: ID.remoteStation, code: REMOTE, office: 'CAC Kennedy', regional: 'Regional 2', city: null, is_local: 0, created_at: '2026-03-04T16:20:00.000Z',
      role: 'CENTRAL', public_key: 'q3Vn2s9kT0bLx8cYw1rZp4m6dJ7fH5gA0eU2iO9tKyM=', fingerprint: '9F8E-7D6C-5B4A-3928', enrolled_at: '2026-03-04T16:25:00.000Z',
      encryption_key: null },
  ],
  users: [
    {
      id: ID.admin, origin_station: LOCAL, username: 'admin', full_name: 'Andrea Salazar Vega', identification: '1712345678', role: 'ADMIN',
      password_hash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', active: 1, created_at: '2026-03-01T13:00:00.000Z', updated_at: '2026-03-01T13:00:00.000Z',
      must_change_password: 0, password_changed_at: null, updated_by: null, deactivated_at: null, deactivated_by: null,
    },
    {
      id: ID.clerk, origin_station: LOCAL, username: 'jcuenca', full_name: 'José Cuenca Ñauta', identification: null, role: 'ASESOR',
      password_hash: 'scrypt$16384$8$1$c2FsMg==$aGFzMg==', active: 0, created_at: '2026-03-01T13:05:00.000Z', updated_at: '2026-03-20T09:00:00.000Z',
      must_change_password: 1, password_changed_at: '2026-03-02T08:00:00.000Z', updated_by: ID.admin,
      deactivated_at: '2026-03-20T09:00:00.000Z', deactivated_by: ID.admin,
    },
  ],
  imports: [
    {
      id: ID.baseImport, origin_station: LOCAL, kind: 'BASE', file_name: 'BASE RECUPERACION MARZO.xlsx', file_sha256: hex('a1'), user_id: ID.admin,
      started_at: '2026-03-01T13:10:00.000Z', finished_at: '2026-03-01T13:10:04.500Z', rows: 7, inserted: 5, updated: 0, unchanged: 0, duplicates: 1, rejected: 1, warnings: 2,
    },
    {
      id: ID.returnsImport, origin_station: LOCAL, kind: 'ENTREGAS', file_name: 'entregas anteriores.xlsx', file_sha256: hex('b2'), user_id: null,
      started_at: '2026-03-02T14:00:00.000Z', finished_at: '2026-03-02T14:00:01.000Z', rows: 1, inserted: 1, updated: 0, unchanged: 0, duplicates: 0, rejected: 0, warnings: 0,
    },
  ],
  customers: [
    {
      num: 1, id: ID.maria, origin_station: LOCAL, customer_key: '0102030405', identification: '0102030405', id_type: 'CEDULA', name: MARIA_NAME,
      phone: '0991234567', email: 'maria.perez@example.ec', import_id: ID.baseImport, import_row: 2, created_at: '2026-03-01T13:10:01.000Z', updated_at: '2026-03-01T13:10:01.000Z',
    },
    {
      num: 2, id: ID.company, origin_station: LOCAL, customer_key: '1790012345001', identification: '1790012345001', id_type: 'RUC', name: 'DE LA TORRE Y ASOCIADOS CIA. LTDA.',
      phone: null, email: null, import_id: ID.baseImport, import_row: 5, created_at: '2026-03-01T13:10:01.000Z', updated_at: '2026-03-05T10:00:00.000Z',
    },
    {
      num: 3, id: ID.unnamed, origin_station: REMOTE, customer_key: 'S:0423456789', identification: null, id_type: null, name: null,
      phone: '042345678', email: null, import_id: null, import_row: null, created_at: '2026-03-06T15:00:00.000Z', updated_at: '2026-03-06T15:00:00.000Z',
    },
  ],
  services: [
    {
      id: ID.mariaInternet, origin_station: LOCAL, customer_id: ID.maria, service_number: '0012345678', service_key: '0012345678', business_line: 'INTERNET_FIJO',
      business_line_raw: 'Internet Fijo', cancel_date: '2020-05-10', regional: 'Regional 1', province: 'Pichincha', city: 'Quito', status: 'ENTREGADO', status_reason: null,
      charges_loaded: 0, paid: 0, claim: 0, in_base: 1, import_id: ID.baseImport, import_row: 2, created_at: '2026-03-01T13:10:01.000Z', updated_at: '2026-03-03T15:30:00.000Z',
    },
    {
      id: ID.mariaTv, origin_station: LOCAL, customer_id: ID.maria, service_number: '0087654321', service_key: '0087654321', business_line: 'TELEVISION',
      business_line_raw: 'TELEVISIÓN', cancel_date: '2020-06-01', regional: 'Regional 1', province: 'Pichincha', city: 'Quito', status: 'ENTREGA_PARCIAL',
      status_reason: 'Falta la tarjeta', charges_loaded: 1, paid: 0, claim: 1, in_base: 1, import_id: ID.baseImport, import_row: 3,
      created_at: '2026-03-01T13:10:01.000Z', updated_at: '2026-03-03T15:30:00.000Z',
    },
    {
      id: ID.companyPhone, origin_station: LOCAL, customer_id: ID.company, service_number: '022456789', service_key: '022456789', business_line: 'TELEFONIA_FIJA',
      business_line_raw: 'Telefonia', cancel_date: null, regional: 'Regional 1', province: null, city: null, status: 'RESPALDO_EN_REVISION', status_reason: null,
      charges_loaded: 0, paid: 1, claim: 0, in_base: 1, import_id: ID.baseImport, import_row: 5, created_at: '2026-03-01T13:10:01.000Z', updated_at: '2026-03-05T10:00:00.000Z',
    },
    {
      id: ID.outOfBase, origin_station: REMOTE, customer_id: ID.unnamed, service_number: '042999111', service_key: '042999111', business_line: null, business_line_raw: null,
      cancel_date: null, regional: null, province: null, city: null, status: 'PENDIENTE', status_reason: null, charges_loaded: 0, paid: 0, claim: 0, in_base: 0,
      import_id: null, import_row: null, created_at: '2026-03-06T15:00:00.000Z', updated_at: '2026-03-06T15:00:00.000Z',
    },
  ],
  expected_items: [
    {
      id: ID.modem, origin_station: LOCAL, service_id: ID.mariaInternet, line_key: 'S:ZTEG1A2B3C4D', equipment_type: 'MODEM', brand: 'ZTE', model: 'F660',
      serial: 'zteg 1a2b3c4d', serial_key: 'ZTEG1A2B3C4D', value_cents: 4500, source_row: 2, import_id: ID.baseImport, created_at: '2026-03-01T13:10:01.000Z', updated_at: '2026-03-01T13:10:01.000Z',
    },
    {
      id: ID.decoder, origin_station: LOCAL, service_id: ID.mariaTv, line_key: 'S:DEC998877', equipment_type: 'DECODIFICADOR', brand: 'Kaon', model: 'KSTB2020',
      serial: 'DEC998877', serial_key: 'DEC998877', value_cents: 3250, source_row: 3, import_id: ID.baseImport, created_at: '2026-03-01T13:10:01.000Z', updated_at: '2026-03-01T13:10:01.000Z',
    },
    {
      id: ID.smartCard, origin_station: LOCAL, service_id: ID.mariaTv, line_key: 'T:TARJETA||#1', equipment_type: 'TARJETA', brand: null, model: null,
      serial: null, serial_key: null, value_cents: 1000, source_row: 4, import_id: ID.baseImport, created_at: '2026-03-01T13:10:01.000Z', updated_at: '2026-03-01T13:10:01.000Z',
    },
    {
      id: ID.phoneSet, origin_station: LOCAL, service_id: ID.companyPhone, line_key: 'S:PH-0001', equipment_type: 'TELEFONO', brand: 'Panasonic', model: 'KX-TS500',
      serial: 'PH-0001', serial_key: 'PH0001', value_cents: null, source_row: 5, import_id: ID.baseImport, created_at: '2026-03-01T13:10:01.000Z', updated_at: '2026-03-01T13:10:01.000Z',
    },
  ],
  acta_counters: [
    { station_code: LOCAL, year: 2026, last_seq: 2 },
    { station_code: REMOTE, year: 2026, last_seq: 1 },
  ],
  handovers: [
    {
      id: ID.acta1, origin_station: LOCAL, acta_number: `${LOCAL}-2026-000001`, acta_year: 2026, acta_seq: 1, historical: 0, out_of_base: 0, customer_id: ID.maria,
      holder_identification: '0102030405', holder_name: MARIA_NAME, delivered_by: 'TERCERO', third_party_identification: '0911223344', third_party_name: 'Luis Pérez Guamán',
      third_party_documents: 1, observations: 'Decodificador sin control remoto', office: 'CAC Iñaquito', city: 'Quito', clerk_user_id: ID.clerk, clerk_name: 'José Cuenca Ñauta',
      delivered_at: '2026-03-03T15:30:00.000Z', created_at: '2026-03-03T15:30:02.000Z', content_hash: hex('c3'), verification_code: 'K7Q29XMB',
      pdf_path: '/home/cac/.config/Recupera/actas/UIO-INAQUITO-01-2026-000001.pdf', signature: 'c2lnbmF0dXJlLW9mLWFjdGEtMQ==', original_number: null,
    },
    {
      id: ID.acta2, origin_station: LOCAL, acta_number: `${LOCAL}-2026-000002`, acta_year: 2026, acta_seq: 2, historical: 0, out_of_base: 0, customer_id: ID.company,
      holder_identification: '1790012345001', holder_name: 'DE LA TORRE Y ASOCIADOS CIA. LTDA.', delivered_by: 'TITULAR', third_party_identification: null,
      third_party_name: null, third_party_documents: 0, observations: null, office: 'CAC Iñaquito', city: 'Quito', clerk_user_id: ID.admin, clerk_name: 'Andrea Salazar Vega',
      delivered_at: '2026-03-04T10:00:00.000Z', created_at: '2026-03-04T10:00:01.000Z', content_hash: hex('d4'), verification_code: 'ZX3N8P2Q', pdf_path: null, signature: null, original_number: null,
    },
    {
      id: ID.historical, origin_station: LOCAL, acta_number: '000123-2020', acta_year: null, acta_seq: null, historical: 1, out_of_base: 0, customer_id: ID.maria,
      holder_identification: '0102030405', holder_name: MARIA_NAME, delivered_by: 'TITULAR', third_party_identification: null, third_party_name: null,
      third_party_documents: 0, observations: 'Entrega anterior a Recupera', office: 'CAC Iñaquito', city: null, clerk_user_id: null, clerk_name: null,
      delivered_at: '2020-11-15T12:00:00.000Z', created_at: '2026-03-02T14:00:01.000Z', content_hash: null, verification_code: null, pdf_path: null, signature: null, original_number: null,
    },
    {
      id: ID.remoteActa, origin_station: REMOTE, acta_number: `${REMOTE}-2026-000001`, acta_year: 2026, acta_seq: 1, historical: 0, out_of_base: 1, customer_id: ID.unnamed,
      holder_identification: null, holder_name: 'CLIENTE SIN NOMBRE', delivered_by: 'TITULAR', third_party_identification: null, third_party_name: null,
      third_party_documents: 0, observations: null, office: 'CAC Kennedy', city: 'Guayaquil', clerk_user_id: id(99), clerk_name: 'Carla Mora',
      delivered_at: '2026-03-06T15:00:00.000Z', created_at: '2026-03-06T15:00:00.500Z', content_hash: hex('e5'), verification_code: 'M4R7T2VW', pdf_path: null, signature: null, original_number: `${REMOTE}-2025-000001`,
    },
  ],
  handover_items: [
    {
      id: id(70), origin_station: LOCAL, handover_id: ID.acta1, service_id: ID.mariaInternet, expected_item_id: ID.modem, service_number: '0012345678',
      equipment_type: 'MODEM', brand: 'ZTE', model: 'F660', serial: 'ZTEG1A2B3C4D', serial_key: 'ZTEG1A2B3C4D', condition: 'BUENO',
      accessories: '["FUENTE_DE_PODER","CABLE"]', note: null, unexpected: 0, created_at: '2026-03-03T15:30:02.000Z',
    },
    {
      id: id(71), origin_station: LOCAL, handover_id: ID.acta1, service_id: ID.mariaTv, expected_item_id: ID.decoder, service_number: '0087654321',
      equipment_type: 'DECODIFICADOR', brand: 'Kaon', model: 'KSTB2020', serial: 'DEC998877', serial_key: 'DEC998877', condition: 'INCOMPLETO',
      accessories: '[]', note: 'Sin control remoto', unexpected: 0, created_at: '2026-03-03T15:30:02.000Z',
    },
    {
      id: id(72), origin_station: LOCAL, handover_id: ID.acta2, service_id: null, expected_item_id: null, service_number: null,
      equipment_type: 'ROUTER', brand: 'Huawei', model: 'HG8245', serial: 'HW-77', serial_key: 'HW77', condition: 'DANADO',
      accessories: '["CABLE"]', note: 'No estaba en la base', unexpected: 1, created_at: '2026-03-04T10:00:01.000Z',
    },
    {
      id: id(73), origin_station: LOCAL, handover_id: ID.historical, service_id: ID.mariaInternet, expected_item_id: null, service_number: '0012345678',
      equipment_type: null, brand: null, model: null, serial: null, serial_key: null, condition: 'BUENO', accessories: '[]', note: null, unexpected: 0,
      created_at: '2026-03-02T14:00:01.000Z',
    },
    {
      id: id(74), origin_station: REMOTE, handover_id: ID.remoteActa, service_id: ID.outOfBase, expected_item_id: null, service_number: '042999111',
      equipment_type: 'MODEM', brand: 'ZTE', model: 'F660', serial: 'ZTEG1A2B3C4D', serial_key: 'ZTEG1A2B3C4D', condition: 'BUENO',
      accessories: '["FUENTE_DE_PODER"]', note: null, unexpected: 1, created_at: '2026-03-06T15:00:00.500Z',
    },
  ],
  handover_voids: [
    {
      id: id(75), origin_station: LOCAL, handover_id: ID.acta2, reason: 'Se registró el equipo en el cliente equivocado', user_id: ID.admin,
      user_name: 'Andrea Salazar Vega', created_at: '2026-03-04T11:00:00.000Z',
    },
  ],
  backups: [
    {
      id: ID.backup, origin_station: LOCAL, customer_id: ID.company, status: 'EN_REVISION', acta_number: 'ACTA 4567', acta_date: '2021-03-20', office: 'CAC Iñaquito',
      source: 'CORREO', note: 'Llegó por correo', review_reason: null, reviewed_by: null, reviewed_at: null, created_by: ID.clerk, created_at: '2026-03-05T10:00:00.000Z',
    },
    {
      id: id(81), origin_station: LOCAL, customer_id: ID.maria, status: 'RECHAZADO', acta_number: null, acta_date: null, office: null, source: 'CAC', note: null,
      review_reason: 'El documento no es legible', reviewed_by: ID.admin, reviewed_at: '2026-03-07T09:00:00.000Z', created_by: ID.clerk, created_at: '2026-03-02T16:00:00.000Z',
    },
  ],
  backup_services: [
    { backup_id: ID.backup, service_id: ID.companyPhone },
    { backup_id: id(81), service_id: ID.mariaTv },
  ],
  handover_documents: [
    {
      id: id(140), origin_station: LOCAL, handover_id: ID.acta1, kind: 'AUTORIZACION', sha256: hex('d4'), file_name: 'carta de autorización.pdf',
      mime: 'application/pdf', size: 98_304, created_by: ID.clerk, created_at: '2026-03-03T15:31:00.000Z', purged_at: null,
    },
    {
      id: id(141), origin_station: LOCAL, handover_id: ID.acta1, kind: 'IDENTIFICACION_TITULAR', sha256: hex('d5'), file_name: 'cédula titular.jpg',
      mime: 'image/jpeg', size: 41_220, created_by: ID.clerk, created_at: '2026-03-03T15:31:30.000Z', purged_at: '2026-10-01T05:00:00.000Z',
    },
  ],
  backup_files: [
    { id: id(85), backup_id: ID.backup, sha256: hex('f6'), file_name: 'acta escaneada.pdf', mime: 'application/pdf', size: 184_322, purged_at: null },
    { id: id(86), backup_id: id(81), sha256: hex('07'), file_name: 'foto.jpg', mime: 'image/jpeg', size: 52_001, purged_at: '2026-10-01T05:00:00.000Z' },
  ],
  sync_packages: [
    {
      id: id(95), direction: 'EXPORT', station_code: LOCAL, sha256: hex('18'), range_from: null, range_to: '2026-03-05T00:00:00.000Z',
      created_at: '2026-03-05T17:00:00.000Z', summary: '{"handovers":3,"items":4,"backups":1,"voids":1,"documents":0}',
      file_name: 'UIO-INAQUITO-01_20260305-1200.recupera', path: '/home/cac/Documentos/UIO-INAQUITO-01_20260305-1200.recupera',
    },
    {
      id: id(96), direction: 'IMPORT', station_code: REMOTE, sha256: hex('29'), range_from: '2026-03-01T05:00:00.000Z', range_to: '2026-03-07T05:00:00.000Z',
      created_at: '2026-03-07T12:00:00.000Z', summary: '{}', file_name: null, path: null,
    },
  ],
  mail_messages: [
    {
      id: ID.mailAssigned, origin_station: LOCAL, sha256: hex('3a'), message_id: '<abc123@correo.cnt.gob.ec>', file_name: 'respaldo 1790012345001.eml',
      subject: '1790012345001//DE LA TORRE Y ASOCIADOS//TELEFONIA FIJA', sender: 'gerencia@delatorre.ec', sent_at: '2026-03-05T09:58:00.000Z', status: 'ASIGNADO',
      reason: null, backup_id: ID.backup, attachments: '[{"name":"acta escaneada.pdf","sha256":"f6f6"}]', created_at: '2026-03-05T10:00:00.000Z',
    },
    {
      id: ID.mailWaiting, origin_station: LOCAL, sha256: hex('4b'), message_id: null, file_name: 'sin asunto.eml', subject: null, sender: null, sent_at: null,
      status: 'SIN_ASIGNAR', reason: 'El asunto no tiene el formato CEDULA//APELLIDOS Y NOMBRES//LINEA DE NEGOCIO', backup_id: null, attachments: '[]',
      created_at: '2026-03-05T10:00:00.000Z',
    },
  ],
  sync_conflicts: [
    {
      id: id(97), kind: 'SERIE_DUPLICADA', conflict_key: 'ZTEG1A2B3C4D', detail: `La serie ZTEG1A2B3C4D está en ${LOCAL}-2026-000001 y ${REMOTE}-2026-000001`,
      payload: null, package_sha256: hex('29'), created_at: '2026-03-07T12:00:00.000Z',
      resolution: 'MANTENER_AMBAS', resolution_reason: 'Dos equipos con la misma serie impresa', resolution_detail: '{"kept":2}', resolved_by: ID.admin, resolved_at: '2026-03-08T09:00:00.000Z',
    },
    {
      id: id(94), kind: 'ACTA_REUTILIZADA', conflict_key: `${REMOTE}|${REMOTE}-2026-000001`, detail: `El número ${REMOTE}-2026-000001 ya está en otra acta`,
      payload: `{"id":"${id(64)}","acta_number":"${REMOTE}-2026-000001","holder_name":"CARLOS MORA"}`, package_sha256: null, created_at: '2026-03-07T12:00:00.000Z',
      resolution: null, resolution_reason: null, resolution_detail: null, resolved_by: null, resolved_at: null,
    },
  ],
  depuration_batches: [
    {
      id: id(98), batch: 'DEP-2026-0001', origin_station: LOCAL, user_id: ID.admin, created_at: '2026-03-08T08:00:00.000Z',
      counts: '{"base":3,"charges":1,"reversals":0,"messages":2}', files: `[{"name":"base depurada.xlsx","sha256":"${hex('5c')}"}]`,
      status: 'CONFIRMADO', sent_at: '2026-03-08T10:00:00.000Z', sent_by: ID.admin, confirmed_at: '2026-03-09T10:00:00.000Z', confirmed_by: ID.admin,
    },
  ],
  depuration_recordings: [{ batch_id: id(98), pid: 5120, started_at: '2026-03-08T07:59:00.000Z' }],
  update_applies: [
    {
      id: id(99), data_path: '/home/cac/.config/Recupera/trabajo/actualizacion-0195f1c2-p6120.sqlite', pid: 6120, phase: 'handovers', after_rowid: 1200,
      record: `{"file":"NACIONAL_0003_20260402-0900.recupera-nacional","central":"PV-01","update":{"seq":3},"audit":{"actor":null,"event":{"action":"ACTUALIZACION_APLICADA","description":"Aplicó la actualización nacional N.º 3"}}}`,
      changes: '{"customersInserted":12,"heldBack":[]}', created_at: '2026-04-02T09:00:00.000Z',
    },
  ],
  staged_applies: [
    {
      id: id(100), kind: 'BASE', stage_path: '/home/cac/.config/Recupera/etapas/base-0195f1c2.sqlite', phase: 'items', next_num: 1201,
      record: `{"id":"${id(22)}","kind":"BASE","fileName":"BASE ABRIL.xlsx","rows":2400}`, created_at: '2026-04-01T13:00:00.000Z',
    },
  ],
  jobs: [
    {
      id: id(101), kind: 'importBase', status: 'done', user_id: ID.admin, subject: 'BASE ABRIL.xlsx', stage: 'Aplicando la base',
      message: '2.400 filas: 2.390 nuevas, 0 actualizadas, 10 rechazadas.', pid: 4120, queued_at: '2026-04-01T12:58:00.000Z',
      started_at: '2026-04-01T12:58:01.000Z', finished_at: '2026-04-01T13:02:00.000Z',
    },
    {
      id: id(102), kind: 'export', status: 'interrupted', user_id: null, subject: null, stage: null,
      message: 'Recupera se cerró antes de que la tarea empezara. Vuelva a ejecutarla.', pid: null, queued_at: '2026-04-02T09:00:00.000Z',
      started_at: null, finished_at: null,
    },
  ],
  station_key_events: [
    {
      id: id(110), station_id: ID.remoteStation, station_code: REMOTE, event: 'CENTRAL_REEMPLAZADA', public_key: 'q3Vn2s9kT0bLx8cYw1rZp4m6dJ7fH5gA0eU2iO9tKyM=',
      fingerprint: '9F8E-7D6C-5B4A-3928', previous_fingerprint: '1111-2222-3333-4444', reason: 'Equipo de Posventa reemplazado', user_id: ID.admin,
      user_name: 'Andrea Salazar Vega', created_at: '2026-03-04T16:25:00.000Z',
    },
  ],
  national_updates: [
    {
      direction: 'APLICADA', seq: 2, central_code: REMOTE, kind: 'INCREMENTAL', since_seq: 1, sha256: hex('7a'), snapshot_at: '2026-03-09T08:00:00.000Z',
      created_at: '2026-03-09T08:05:00.000Z', recorded_at: '2026-03-09T09:00:00.000Z', file_name: 'NACIONAL-000002.recupera-nacional',
      counts: '{"customers":3,"actas":1}', user_id: ID.admin,
    },
  ],
  billing_lines: [
    { batch_id: id(98), kind: 'CARGO', service_id: ID.mariaTv, expected_item_id: ID.decoder, value_cents: 3250, origin_batch_id: null },
    { batch_id: id(98), kind: 'REVERSO', service_id: ID.mariaTv, expected_item_id: ID.decoder, value_cents: -3250, origin_batch_id: id(98) },
  ],
  sign_in_attempts: [
    { username: 'jcuenca', failures: 3, last_failure_at: '2026-03-19T15:00:00.000Z', locked_until: '2026-03-19T15:00:30.000Z' },
  ],
  audit_log: [
    {
      seq: 1, id: id(110), station_code: LOCAL, station_seq: 1, at: '2026-03-05T14:31:00.000Z', user_id: ID.clerk, username: 'jcuenca',
      user_name: 'José Cuenca Ñauta', role: 'ASESOR', action: 'acta.registrar', target_kind: 'acta', target_id: ID.acta1, customer_id: ID.maria,
      description: 'Registró el acta UIO-INAQUITO-01-000001', detail: '{"equipos":2}', prev_hash: '0'.repeat(64), hash: hex('a7'),
      recorded_at: '2026-03-05T14:31:00.000Z',
    },
  ],
  audit_customer_keys: [{ customer_id: ID.maria, customer_key: '0102030405' }],
  db_backups: [
    {
      id: id(120), kind: 'DIARIO', file_name: 'recupera-2026-03-05.sqlite', folder: '/respaldos', created_at: '2026-03-05T23:00:00.000Z',
      size_bytes: 1_048_576, sha256: hex('b8'), schema_version: 9, user_id: ID.admin, removed_at: '2026-04-05T23:00:00.000Z',
    },
  ],
  campaigns: [
    // Migration 0010 seeds the campaign 'inicial'; this row takes its place (see populate()).
    {
      id: 'inicial', name: 'Recuperación de equipos 2025', year: 2025, started_at: '2025-02-01T13:00:00.000Z', started_by: ID.admin,
      closed_at: '2026-02-28T22:00:00.000Z', closed_by: ID.admin, archive_file: 'campana-2025.recupera-archivo', archive_sha256: hex('c9'),
      summary: '{"customers":5,"actas":2}',
    },
    {
      id: id(130), name: 'Recuperación de equipos 2026', year: 2026, started_at: '2026-02-28T22:00:00.000Z', started_by: ID.admin,
      closed_at: null, closed_by: null, archive_file: null, archive_sha256: null, summary: null,
    },
  ],
  daily_closes: [
    {
      id: id(131), campaign_id: 'inicial', station_code: LOCAL, day: '2026-03-05', status: 'FIRMADO', note: 'Sin novedad',
      counted_by: ID.admin, counted_at: '2026-03-05T22:10:00.000Z', signed_by: ID.admin, signed_by_name: 'Andrea Salazar Vega',
      signed_at: '2026-03-05T22:15:00.000Z', created_at: '2026-03-05T22:00:00.000Z', updated_at: '2026-03-05T22:15:00.000Z',
    },
    {
      id: id(132), campaign_id: 'inicial', station_code: LOCAL, day: '2026-03-06', status: 'BORRADOR', note: null,
      counted_by: null, counted_at: null, signed_by: null, signed_by_name: null,
      signed_at: null, created_at: '2026-03-06T22:00:00.000Z', updated_at: '2026-03-06T22:00:00.000Z',
    },
  ],
  daily_close_counts: [
    { close_id: id(132), clerk_id: ID.clerk, clerk_name: 'José Cuenca Ñauta', item_kind: 'EQUIPO', item_type: 'MODEM', recorded: 2, counted: 1, note: 'Falta uno' },
    { close_id: id(132), clerk_id: ID.clerk, clerk_name: 'José Cuenca Ñauta', item_kind: 'ACCESORIO', item_type: 'Fuente de poder', recorded: 1, counted: null, note: null },
  ],
};
