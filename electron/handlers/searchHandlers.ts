import { customerGet, searchQuery } from '../../shared/contracts/customers';
import { AppFailure } from '../../shared/result';
import { auditAct } from '../app/audit';
import { getCustomerCard, searchCustomers } from '../search/customerSearch';
import { handle } from './define';

export const searchHandlers = [
  handle(searchQuery, 'user', (input, { app }) => searchCustomers(app.db, input.text, input.limit)),
  // The card of one customer, as a person opens it: each opening is recorded (the search itself is not).
  handle(customerGet, 'user', (input, { app, session }) => {
    const card = getCustomerCard(app.db, input.id);
    if (!card) throw new AppFailure('not_found', 'No se encontró el cliente; puede haber sido reemplazado por una importación.');
    auditAct(app, session, {
      action: 'FICHA_ABIERTA',
      description: `Abrió la ficha de ${card.name ?? 'un cliente sin nombre'}`,
      targetKind: 'cliente',
      targetId: card.id,
      customerId: card.id,
    });
    return card;
  }),
];
