import { customerGet, searchQuery } from '../../shared/contracts/customers';
import { AppFailure } from '../../shared/result';
import { getCustomerCard, searchCustomers } from '../search/customerSearch';
import { handle } from './define';

export const searchHandlers = [
  handle(searchQuery, 'user', (input, { app }) => searchCustomers(app.db, input.text, input.limit)),
  handle(customerGet, 'user', (input, { app }) => {
    const card = getCustomerCard(app.db, input.id);
    if (!card) throw new AppFailure('not_found', 'No se encontró el cliente; puede haber sido reemplazado por una importación.');
    return card;
  }),
];
