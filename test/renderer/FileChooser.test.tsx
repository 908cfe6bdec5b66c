import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { FileChooser } from '../../renderer/src/components/FileChooser';

function Chooser() {
  const [names, setNames] = useState<string[]>([]);
  return <FileChooser label="Carta de autorización" accept=".pdf" chosen={names} onChoose={(files) => setNames(files.map((f) => f.name))} />;
}

describe('FileChooser', () => {
  it('shows a Spanish button and status, one keyboard stop, and the chosen name once a file is chosen', async () => {
    const user = userEvent.setup();
    const { container } = render(<Chooser />);
    const button = screen.getByRole('button', { name: /^Elegir archivo…\s*\(Carta de autorización\)$/ });
    expect(button).toHaveAccessibleDescription('Ningún archivo elegido');
    expect(container.textContent).not.toMatch(/Choose|No file/);
    // The native input is out of the tab order and hidden from assistive technology.
    const input = screen.getByLabelText('Carta de autorización');
    expect(input).toHaveAttribute('tabindex', '-1');
    expect(input).toHaveAttribute('aria-hidden', 'true');
    await user.tab();
    expect(button).toHaveFocus();
    await user.tab();
    expect(document.body).toHaveFocus();

    await user.upload(input, new File(['%PDF-1.4'], 'carta.pdf', { type: 'application/pdf' }));
    expect(button).toHaveAccessibleDescription('carta.pdf');
    const r = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(r.violations).toEqual([]);
  });
});
