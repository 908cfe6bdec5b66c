import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { auditExport, auditList, auditVerify, type AuditEntryView } from '../../shared/contracts/audit';
import { AuditLog } from '../../renderer/src/features/audit/AuditLog';
import { answer, callsTo, resetApi, saveReport } from './apiMock';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

const entry = (e: Partial<AuditEntryView> & Pick<AuditEntryView, 'id' | 'action' | 'actionLabel' | 'description'>): AuditEntryView => ({
  stationCode: 'UIO-INAQUITO-01',
  stationSeq: 1,
  at: '2026-04-02T14:00:00.000Z',
  username: 'coordinadora',
  userName: 'Coordinadora Regional',
  role: 'COORDINADOR',
  targetKind: null,
  targetId: null,
  customerId: null,
  detail: null,
  ...e,
});

const ENTRIES = [
  entry({ id: 'a2', stationSeq: 2, action: 'ACTA_ANULADA', actionLabel: 'Acta anulada', description: 'Anuló el acta UIO-INAQUITO-01-2026-000001: error de digitación.' }),
  entry({
    id: 'a1',
    stationCode: 'GYE-CENTRO-01',
    username: null,
    userName: null,
    role: null,
    action: 'CONSOLIDACION',
    actionLabel: 'Consolidación',
    description: 'Consolidó un paquete.',
    detail: JSON.stringify({ station: 'GYE-CENTRO-01', inserted: { handovers: 3, items: 4 }, stationVerified: true }),
  }),
];

beforeEach(() => {
  resetApi();
});

async function violations(container: HTMLElement): Promise<string[]> {
  const r = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

describe('the Auditoría screen', () => {
  it('lists entries with local time, who, profile, station, action and description; filters go to the call', async () => {
    answer(auditList, (input) => ({
      ok: true,
      value: { entries: input.action ? ENTRIES.slice(0, 1) : ENTRIES, page: input.page ?? 1, hasMore: !input.action, scope: 'all' as const, stations: ['PV-01', 'GYE-CENTRO-01'], customersMatched: null },
    }));
    const { container } = render(<AuditLog />);
    const table = await screen.findByRole('table', { name: /Registro de auditoría/ });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Fecha y hora local', 'Usuario', 'Perfil', 'Estación', 'Acción', 'Descripción']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('02/04/2026');
    expect(rows[0]).toHaveTextContent('Coordinadora Regional (coordinadora)');
    expect(rows[0]).toHaveTextContent('Coordinador regional');
    expect(rows[0]).toHaveTextContent('Acta anulada');
    expect(rows[1]).toHaveTextContent('Sistema');
    expect(rows[1]).toHaveTextContent('GYE-CENTRO-01');
    // What the entry recorded, folded under its description and read in Spanish; an entry without detail has no fold.
    expect(within(rows[0]!).queryByText('Detalle')).toBeNull();
    const detail = within(rows[1]!).getByText('Detalle');
    expect(within(rows[1]!).getByText(/estación: GYE-CENTRO-01/)).not.toBeVisible();
    await userEvent.click(detail);
    expect(within(rows[1]!).getByText('estación: GYE-CENTRO-01; nuevos: (actas: 3, equipos: 4); estación verificada: sí')).toBeVisible();
    expect(await violations(container)).toEqual([]);

    await userEvent.selectOptions(screen.getByLabelText('Acción'), 'Acta anulada');
    await userEvent.selectOptions(screen.getByLabelText('Estación'), 'GYE-CENTRO-01');
    await userEvent.type(screen.getByLabelText('Usuario'), 'coordinadora');
    await userEvent.type(screen.getByLabelText('Cliente'), '1712345675');
    await userEvent.click(screen.getByRole('button', { name: 'Buscar' }));
    await vi.waitFor(() =>
      expect(callsTo(auditList).at(-1)).toEqual({ action: 'ACTA_ANULADA', station: 'GYE-CENTRO-01', username: 'coordinadora', customer: '1712345675', page: 1, pageSize: 50 }),
    );
    expect(within(await screen.findByRole('table')).getAllByRole('row')).toHaveLength(2);
  });

  it('pages with Siguiente and Anterior', async () => {
    answer(auditList, (input) => ({ ok: true, value: { entries: ENTRIES, page: input.page ?? 1, hasMore: (input.page ?? 1) < 2, scope: 'station' as const, stations: ['UIO-INAQUITO-01'], customersMatched: null } }));
    render(<AuditLog />);
    await screen.findByRole('table');
    // A coordinator has no station to choose.
    expect(screen.queryByLabelText('Estación')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Siguiente' }));
    expect(await screen.findByText(/Página 2/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Siguiente' })).toBeDisabled();
    expect(callsTo(auditList).map((c) => c.page)).toEqual([1, 2]);
  });

  it('verifies the chain and shows each problem in Spanish', async () => {
    answer(auditList, () => ({ ok: true, value: { entries: [], page: 1, hasMore: false, scope: 'station' as const, stations: ['UIO-INAQUITO-01'], customersMatched: null } }));
    answer(auditVerify, () => ({
      ok: true,
      value: {
        ok: false,
        stations: [{ stationCode: 'UIO-INAQUITO-01', entries: 40, lastSeq: 41 }],
        problems: [{ kind: 'missing' as const, stationCode: 'UIO-INAQUITO-01', stationSeq: 12, message: 'Falta la entrada 12 de UIO-INAQUITO-01 (fue borrada).' }],
        summary: 'El registro tiene 1 problema: se borraron o alteraron entradas fuera de Recupera.',
      },
    }));
    const { container } = render(<AuditLog />);
    expect(await screen.findByText('No hay entradas con estos filtros.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Exportar a Excel' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Verificar integridad' }));
    const problems = await screen.findByRole('list', { name: 'Problemas encontrados' });
    expect(problems).toHaveTextContent('Falta la entrada 12 de UIO-INAQUITO-01 (fue borrada).');
    expect(screen.getByRole('list', { name: 'Entradas por estación' })).toHaveTextContent('UIO-INAQUITO-01: 40 entradas');
    expect(await violations(container)).toEqual([]);
  });

  it('exports what the filters select and offers the file', async () => {
    answer(auditList, () => ({ ok: true, value: { entries: ENTRIES, page: 1, hasMore: false, scope: 'station' as const, stations: ['UIO-INAQUITO-01'], customersMatched: null } }));
    answer(auditExport, () => ({ ok: true, value: { path: '/datos/reportes/auditoria_x.xlsx', fileName: 'auditoria_x.xlsx', rows: 2 } }));
    render(<AuditLog />);
    await screen.findByRole('table');
    await userEvent.click(screen.getByRole('button', { name: 'Exportar a Excel' }));
    expect(await screen.findByText(/Exportadas 2 entradas/)).toBeInTheDocument();
    expect(saveReport).toHaveBeenCalledWith('/datos/reportes/auditoria_x.xlsx', 'auditoria_x.xlsx');
    expect(callsTo(auditExport)).toEqual([{}]);
  });

  it('does not search with a date box that holds no date: it says so at the box and takes the focus there; Limpiar filtros empties it', async () => {
    answer(auditList, () => ({ ok: true, value: { entries: ENTRIES, page: 1, hasMore: false, scope: 'station' as const, stations: ['UIO-INAQUITO-01'], customersMatched: null } }));
    answer(auditExport, () => ({ ok: true, value: { path: '/datos/reportes/auditoria_x.xlsx', fileName: 'auditoria_x.xlsx', rows: 2 } }));
    render(<AuditLog />);
    await screen.findByRole('table');
    const from = screen.getByLabelText('Desde');
    // 31/02 is no day: searched as no date, the list (and its export) would cover every day.
    await userEvent.type(from, '31022026{Enter}');
    expect(from).toHaveFocus();
    expect(from).toHaveAccessibleDescription(/Escriba la fecha como dd\/mm\/aaaa/);
    expect(callsTo(auditList)).toHaveLength(1);

    await userEvent.clear(from);
    await userEvent.type(from, '28022026');
    await userEvent.click(screen.getByRole('button', { name: 'Buscar' }));
    await vi.waitFor(() => expect(callsTo(auditList).at(-1)).toEqual({ from: '2026-02-28', page: 1, pageSize: 50 }));

    await userEvent.clear(from);
    await userEvent.type(from, '99');
    await userEvent.click(screen.getByRole('button', { name: 'Limpiar filtros' }));
    expect(screen.getByLabelText('Desde')).toHaveValue('');
    await userEvent.click(screen.getByRole('button', { name: 'Buscar' }));
    await vi.waitFor(() => expect(callsTo(auditList).at(-1)).toEqual({ page: 1, pageSize: 50 }));
  });
});
