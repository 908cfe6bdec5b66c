import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { authSignIn } from '../../shared/contracts/auth';
import { backupsCheckDocument, backupsRegister } from '../../shared/contracts/backups';
import { fail } from '../../shared/result';
import { useNotice } from '../../renderer/src/api/notice';
import { ErrorBox } from '../../renderer/src/components/common';
import { DateField } from '../../renderer/src/components/DateField';
import { JobProgress, NO_PROGRESS } from '../../renderer/src/components/JobProgress';
import { NoticeBar } from '../../renderer/src/components/NoticeBar';
import { ProblemBox } from '../../renderer/src/components/ProblemBox';
import { RegisterBackup } from '../../renderer/src/features/customer/RegisterBackup';
import { ImportBase } from '../../renderer/src/features/import/ImportBase';
import { SignIn } from '../../renderer/src/features/session/SignIn';
import { reversalsText } from '../../renderer/src/features/sync/DepurationDone';
import { useApp } from '../../renderer/src/store/app';
import { answer, callsTo, pickFile, resetApi, tokenFor } from './apiMock';
import { customerCard } from './fixtures';

vi.mock('../../renderer/src/api/client', async () => (await import('./apiMock')).clientModule);

beforeEach(() => {
  resetApi();
  useNotice.getState().clear();
  useApp.setState({ screen: 'search' });
});

describe('error titles say what happened, not the error kind', () => {
  it('shows a refusal as its message alone, and a screen names the situation', () => {
    const { rerender } = render(<ErrorBox error={{ kind: 'refused', message: 'El archivo no es una hoja de cálculo.' }} />);
    expect(screen.getByRole('alert')).toHaveTextContent(/^El archivo no es una hoja de cálculo\.$/);
    rerender(<ErrorBox error={{ kind: 'refused', message: 'El archivo no es una hoja de cálculo.' }} title="No se pudo leer el archivo" />);
    expect(screen.getByRole('alert')).toHaveTextContent('No se pudo leer el archivo. El archivo no es una hoja de cálculo.');
  });

  it('calls a cancelled job cancelled, as news', () => {
    render(<ProblemBox problem={{ cancelled: true, title: 'Importación cancelada', error: { kind: 'refused', message: 'La base quedó como estaba.' } }} />);
    expect(screen.getByRole('status')).toHaveTextContent('Importación cancelada. La base quedó como estaba.');
    expect(screen.queryByText(/No permitido/)).not.toBeInTheDocument();
  });

  it('titles an unreadable base file by what happened', async () => {
    pickFile.mockResolvedValueOnce(fail('refused', 'No se pudo abrir «base.xlsx».'));
    render(<ImportBase />);
    await userEvent.upload(screen.getByLabelText('Archivo de la base'), new File(['x'], 'base.xlsx'));
    expect(await screen.findByRole('alert')).toHaveTextContent('No se pudo leer el archivo. No se pudo abrir «base.xlsx».');
    expect(screen.queryByText(/No permitido/)).not.toBeInTheDocument();
  });
});

describe('a notice from an earlier action', () => {
  it('goes when the user navigates away', () => {
    render(<NoticeBar />);
    act(() => useNotice.getState().show({ tone: 'ok', text: 'Copia guardada en C:\\x.xlsx.' }));
    expect(screen.getByText('Copia guardada en C:\\x.xlsx.')).toBeInTheDocument();
    act(() => useApp.getState().go('actas'));
    expect(screen.queryByText('Copia guardada en C:\\x.xlsx.')).not.toBeInTheDocument();
  });

  it('goes when the user starts another action, and the new action may show its own', () => {
    function Page() {
      return (
        <>
          <NoticeBar />
          <button type="button" onClick={() => useNotice.getState().show({ tone: 'error', text: 'Nuevo aviso.' })}>
            Otra acción
          </button>
          <button type="button">Nada</button>
        </>
      );
    }
    render(<Page />);
    act(() => useNotice.getState().show({ tone: 'ok', text: 'Aviso viejo.' }));
    fireEvent.click(screen.getByRole('button', { name: 'Nada' }));
    expect(screen.queryByText('Aviso viejo.')).not.toBeInTheDocument();
    act(() => useNotice.getState().show({ tone: 'ok', text: 'Aviso viejo.' }));
    fireEvent.click(screen.getByRole('button', { name: 'Otra acción' }));
    expect(screen.queryByText('Aviso viejo.')).not.toBeInTheDocument();
    expect(screen.getByText('Nuevo aviso.')).toBeInTheDocument();
  });
});

describe('job progress before the first row', () => {
  it('names the stage instead of "0 filas leídas · 0 filas/s"', () => {
    const { rerender } = render(<JobProgress label="Importando" progress={{ ...NO_PROGRESS, fraction: 0.23 }} startText="Revisando el archivo…" onCancel={() => {}} />);
    expect(screen.getByText(/23 %/)).toHaveTextContent('23 % · Revisando el archivo…');
    expect(screen.queryByText(/filas\/s/)).not.toBeInTheDocument();
    rerender(<JobProgress label="Importando" progress={{ ...NO_PROGRESS, fraction: 0.3, rowsRead: 1200, rowsPerSecond: 0 }} onCancel={() => {}} />);
    expect(screen.getByText(/30 %/)).toHaveTextContent('1.200 filas leídas');
    expect(screen.queryByText(/filas\/s/)).not.toBeInTheDocument();
    rerender(<JobProgress label="Importando" progress={{ ...NO_PROGRESS, fraction: 0.4, rowsRead: 2400, rowsPerSecond: 800 }} onCancel={() => {}} />);
    expect(screen.getByText(/40 %/)).toHaveTextContent('2.400 filas leídas · 800 filas/s');
  });
});

describe('reversals in a depuración batch', () => {
  it('agrees in number and speaks of no earlier batches', () => {
    expect(reversalsText(1)).toContain('1 reverso de un valor ya cargado');
    expect(reversalsText(3)).toContain('3 reversos de valores ya cargados');
    for (const n of [1, 3]) expect(reversalsText(n)).not.toMatch(/lotes? anteriores?/);
  });
});

describe('a refused sign-in', () => {
  it('says what to do next, the same for any refusal', async () => {
    answer(authSignIn, () => fail('refused', 'Usuario o contraseña incorrectos.'));
    render(<SignIn />);
    await userEvent.type(screen.getByLabelText('Usuario'), 'ana');
    await userEvent.type(screen.getByLabelText('Contraseña'), 'mala');
    await userEvent.click(screen.getByRole('button', { name: 'Ingresar' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Usuario o contraseña incorrectos. Revise la contraseña (mayúsculas) o pida a un administrador que la restablezca.',
    );
  });
});

describe('Guardar respaldo', () => {
  it('stays enabled and says what is missing', async () => {
    render(<RegisterBackup card={customerCard()} onDone={() => {}} onCancel={() => {}} />);
    const save = screen.getByRole('button', { name: 'Guardar respaldo' });
    expect(save).toBeEnabled();
    expect(save).toHaveAccessibleDescription('Falta el documento: agregue el acta escaneada o fotografiada.');
    await userEvent.click(save);
    expect(await screen.findByRole('alert')).toHaveTextContent('Falta el documento');
  });

  it('checks each document as it is chosen: a bad one is refused beside the chooser and not listed', async () => {
    const refusal = 'El archivo «acta.pdf» no es un PDF, JPG ni PNG (se revisa su contenido, no su nombre). Elija otro archivo: el documento escaneado como PDF, JPG o PNG.';
    answer(backupsCheckDocument, ({ file }) => (file.name === 'acta.pdf' ? { ok: false, error: { kind: 'validation', message: refusal } } : { ok: true, value: { mime: 'image/png' as const, size: 2048 } }));
    answer(backupsRegister, () => ({ ok: false, error: { kind: 'internal', message: 'no llamado' } }));
    render(<RegisterBackup card={customerCard()} onDone={() => {}} onCancel={() => {}} />);
    await userEvent.upload(screen.getByLabelText('Documentos del respaldo'), [new File(['MZ'], 'acta.pdf'), new File(['png'], 'foto.png')]);
    expect(await screen.findByRole('alert')).toHaveTextContent(refusal);
    expect(screen.getByRole('button', { name: /\(Documentos del respaldo\)$/ })).toHaveAccessibleDescription(refusal);
    expect(screen.getByRole('listitem')).toHaveTextContent('foto.png (2 KB)');
    await userEvent.click(screen.getByRole('button', { name: 'Guardar respaldo' }));
    expect(callsTo(backupsRegister)[0]!.files).toEqual([{ token: tokenFor('foto.png'), name: 'foto.png' }]);
  });

  it('stops at what the save takes: ten documents, and the acta number, office and note at their lengths', async () => {
    answer(backupsCheckDocument, () => ({ ok: true, value: { mime: 'application/pdf' as const, size: 2048 } }));
    render(<RegisterBackup card={customerCard()} onDone={() => {}} onCancel={() => {}} />);
    const pages = Array.from({ length: 11 }, (_, i) => new File(['%PDF'], `hoja-${i + 1}.pdf`));
    await userEvent.upload(screen.getByLabelText('Documentos del respaldo'), pages);
    // The eleventh made the save refuse everything with «Demasiado grande: se esperaba que arreglo tuviera <=10 elementos».
    expect(await screen.findByRole('alert')).toHaveTextContent('Un respaldo lleva hasta 10 documentos: «hoja-11.pdf» no se agregó.');
    expect(screen.getAllByRole('listitem')).toHaveLength(10);
    expect(screen.getByLabelText('Número del acta que presenta')).toHaveAttribute('maxlength', '60');
    expect(screen.getByLabelText('Oficina donde entregó')).toHaveAttribute('maxlength', '120');
    expect(screen.getByLabelText('Nota')).toHaveAttribute('maxlength', '500');
  });

  it('offers only the services that still need proof: a regularised one shows its status and cannot be ticked', async () => {
    const card = customerCard();
    card.services[1] = { ...card.services[1]!, status: 'REGULARIZADO' };
    render(<RegisterBackup card={card} onDone={() => {}} onCancel={() => {}} />);
    const owing = screen.getByRole('checkbox', { name: '1001 · Internet Fijo · Pendiente' });
    const settled = screen.getByRole('checkbox', { name: '2002 · Televisión · Regularizado' });
    expect(owing).toBeChecked();
    expect(settled).not.toBeChecked();
    expect(settled).toBeDisabled();
  });

  it('does not save a mistyped acta date as no date: it says so and sends nothing', async () => {
    answer(backupsCheckDocument, () => ({ ok: true, value: { mime: 'application/pdf' as const, size: 2048 } }));
    answer(backupsRegister, () => ({ ok: false, error: { kind: 'internal', message: 'no llamado' } }));
    render(<RegisterBackup card={customerCard()} onDone={() => {}} onCancel={() => {}} />);
    await userEvent.upload(screen.getByLabelText('Documentos del respaldo'), [new File(['%PDF'], 'acta.pdf')]);
    await screen.findByRole('listitem');
    await userEvent.type(screen.getByLabelText('Fecha del acta'), '31022021');
    await userEvent.click(screen.getByRole('button', { name: 'Guardar respaldo' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('La fecha del acta no es válida');
    expect(callsTo(backupsRegister)).toEqual([]);
    // Emptied, the date is simply not known: the respaldo goes without it.
    await userEvent.clear(screen.getByLabelText('Fecha del acta'));
    await userEvent.click(screen.getByRole('button', { name: 'Guardar respaldo' }));
    await vi.waitFor(() => expect(callsTo(backupsRegister)).toHaveLength(1));
    expect(callsTo(backupsRegister)[0]!.actaDate).toBeUndefined();
  });

  it('asks before Esc throws away chosen documents; with nothing chosen or typed it just closes', async () => {
    answer(backupsCheckDocument, () => ({ ok: true, value: { mime: 'application/pdf' as const, size: 2048 } }));
    const cancel = vi.fn();
    const user = userEvent.setup();
    const { unmount } = render(<RegisterBackup card={customerCard()} onDone={() => {}} onCancel={cancel} />);
    await user.upload(screen.getByLabelText('Documentos del respaldo'), [new File(['%PDF'], 'acta.pdf')]);
    await screen.findByRole('listitem');
    await user.click(screen.getByLabelText('Número del acta que presenta'));
    await user.keyboard('{Escape}');
    const ask = screen.getByRole('alertdialog', { name: '¿Descartar el respaldo que está registrando?' });
    // Enter keeps it: a stray Esc then a scan loses nothing.
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(cancel).not.toHaveBeenCalled();
    expect(screen.getByRole('listitem')).toHaveTextContent('acta.pdf');
    await user.click(screen.getByRole('button', { name: 'Cancelar (Esc)' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Sí, descartar' }));
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(ask).not.toBeInTheDocument();
    unmount();

    render(<RegisterBackup card={customerCard()} onDone={() => {}} onCancel={cancel} />);
    await user.click(screen.getByRole('button', { name: 'Cancelar (Esc)' }));
    expect(cancel).toHaveBeenCalledTimes(2);
  });

  it('does not list the same file twice', async () => {
    answer(backupsCheckDocument, () => ({ ok: true, value: { mime: 'application/pdf' as const, size: 2048 } }));
    const user = userEvent.setup();
    render(<RegisterBackup card={customerCard()} onDone={() => {}} onCancel={() => {}} />);
    const page = () => new File(['x'.repeat(2048)], 'acta.pdf');
    await user.upload(screen.getByLabelText('Documentos del respaldo'), [page()]);
    await screen.findByRole('listitem');
    await user.upload(screen.getByLabelText('Documentos del respaldo'), [page(), new File(['x'.repeat(2048)], 'otra.pdf')]);
    expect(await screen.findByRole('alert')).toHaveTextContent('«acta.pdf» ya está en la lista.');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringContaining('acta.pdf'), expect.stringContaining('otra.pdf')]);
  });

  it('keeps the focus in the list when a document is taken off it', async () => {
    answer(backupsCheckDocument, () => ({ ok: true, value: { mime: 'application/pdf' as const, size: 2048 } }));
    render(<RegisterBackup card={customerCard()} onDone={() => {}} onCancel={() => {}} />);
    await userEvent.upload(screen.getByLabelText('Documentos del respaldo'), [new File(['%PDF'], 'a.pdf'), new File(['%PDF'], 'b.pdf')]);
    await userEvent.click(await screen.findByRole('button', { name: 'Quitar a.pdf' }));
    expect(screen.getByRole('button', { name: 'Quitar b.pdf' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Quitar b.pdf' }));
    expect(screen.getByRole('button', { name: /\(Documentos del respaldo\)$/ })).toHaveFocus();
  });
});

describe('DateField', () => {
  function Harness({ initial = '' }: { initial?: string }) {
    const [value, setValue] = useState(initial);
    return (
      <>
        <DateField label="Desde" value={value} onChange={setValue} />
        <output aria-label="valor">{value}</output>
        <button type="button" onClick={() => setValue('')}>
          Limpiar
        </button>
      </>
    );
  }

  it('takes dd/mm/aaaa whatever the locale and hands over the ISO day', async () => {
    render(<Harness />);
    const box = screen.getByRole('textbox', { name: 'Desde' });
    expect(box).toHaveAttribute('inputmode', 'numeric');
    expect(box).not.toHaveAttribute('type', 'date');
    await userEvent.type(box, '27032025');
    expect(box).toHaveValue('27/03/2025');
    expect(screen.getByLabelText('valor')).toHaveTextContent('2025-03-27');
    await userEvent.click(screen.getByRole('button', { name: 'Limpiar' }));
    expect(box).toHaveValue('');
  });

  it('reads a day pasted as ISO (2027-01-15) as that day', async () => {
    render(<Harness />);
    const box = screen.getByRole('textbox', { name: 'Desde' });
    await userEvent.click(box);
    await userEvent.paste('2027-01-15');
    expect(box).toHaveValue('15/01/2027');
    expect(screen.getByLabelText('valor')).toHaveTextContent('2027-01-15');
  });

  it('shows a loaded day as dd/mm/aaaa and says when a typed one is not a date', async () => {
    render(<Harness initial="2021-03-31" />);
    const box = screen.getByRole('textbox', { name: 'Desde' });
    expect(box).toHaveValue('31/03/2021');
    await userEvent.clear(box);
    await userEvent.type(box, '31022025');
    await userEvent.tab();
    expect(screen.getByLabelText('valor')).toHaveTextContent(/^$/);
    expect(box).toHaveAccessibleDescription('Escriba la fecha como dd/mm/aaaa, por ejemplo 27/03/2025.');
    expect(box).toHaveAttribute('aria-invalid', 'true');
  });

  it("says a typed text is not a date before the screen's message about the pair (Enviar a Posventa said «Indique las dos fechas.» under 40/13/2026)", async () => {
    render(<DateField label="Desde" value="" error="Indique las dos fechas." onChange={() => {}} />);
    const box = screen.getByRole('textbox', { name: 'Desde' });
    expect(box).toHaveAccessibleDescription('Indique las dos fechas.');
    await userEvent.type(box, '40132026');
    await userEvent.tab();
    expect(box).toHaveAccessibleDescription('Escriba la fecha como dd/mm/aaaa, por ejemplo 27/03/2025.');
  });
});
