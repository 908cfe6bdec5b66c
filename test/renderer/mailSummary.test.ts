import { describe, expect, it } from 'vitest';
import { mailImportSummary } from '../../renderer/src/features/mail/MailInbox';

const result = (o: { messages: number; imported: number; duplicates: number; assigned: number; unassigned: number; refused: number }) => ({
  messages: o.messages,
  imported: o.imported,
  duplicates: o.duplicates,
  assigned: o.assigned,
  unassigned: Array.from({ length: o.unassigned }, (_, i) => ({ file: `${i}.eml`, subject: null, reason: 'x' })),
  refused: Array.from({ length: o.refused }, (_, i) => ({ file: `r${i}.eml`, reason: 'y' })),
});

describe('the mailbox import summary', () => {
  it('says one message and one refusal in the singular', () => {
    expect(mailImportSummary(result({ messages: 1, imported: 0, duplicates: 0, assigned: 0, unassigned: 0, refused: 1 }))).toBe(
      '1 correo: 0 importados, 0 ya importados antes, 0 asignados a clientes, 0 sin asignar, 1 rechazado.',
    );
  });

  it('counts in the plural and leaves the refusals out when there are none', () => {
    expect(mailImportSummary(result({ messages: 3, imported: 2, duplicates: 1, assigned: 1, unassigned: 1, refused: 0 }))).toBe(
      '3 correos: 2 importados, 1 ya importado antes, 1 asignado a clientes, 1 sin asignar.',
    );
  });
});
