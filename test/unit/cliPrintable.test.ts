import { describe, expect, it } from 'vitest';
import { printable, printableLines } from '../../electron/cli/printable';

describe('printable: outside text as the command line prints it', () => {
  it('removes terminal escape sequences whole, not leaving their parameters behind', () => {
    expect(printable('PEREZ\u001b[2J\u001b[1;31mJUAN\u001b[0m')).toBe('PEREZJUAN');
    expect(printable('a\u001b]0;título falso\u0007b')).toBe('ab');
    expect(printable('a\u001b]8;;http://x\u001b\\enlace\u001b]8;;\u001b\\b')).toBe('aenlaceb');
    expect(printable('a\u009b2Jb')).toBe('ab');
    expect(printable('a\u001bcb')).toBe('ab');
    expect(printable('fin\u001b')).toBe('fin');
  });

  it('drops C0/C1 controls and bidirectional overrides, keeps plain spaces and accents', () => {
    expect(printable('ANDRADE\u0000 VERA\u0007\u0085 ANA')).toBe('ANDRADE VERA ANA');
    expect(printable('factura\u202Efdp.exe')).toBe('facturafdp.exe');
    expect(printable('línea 1\r\nlínea 2\tfin')).toBe('línea 1  línea 2 fin');
    expect(printable('Muñoz  Peña')).toBe('Muñoz  Peña');
  });

  it('keeps line feeds where the output has several lines', () => {
    expect(printableLines('uno\n\u001b[2Jdos\r\ntres')).toBe('uno\ndos\ntres');
  });
});
