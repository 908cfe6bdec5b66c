import { backupsCheckDocument } from '../../../shared/contracts/backups';
import type { PickedFile } from '../../../shared/contracts/fileRef';
import type { Result } from '../../../shared/result';
import { invoke, pickFile } from './client';

/**
 * A respaldo or tercero document the person chose: handed over (a token) and checked by its
 * content at once, so a damaged or disguised file is refused beside its chooser, in Spanish, while
 * the customer is still at the desk, not when the acta or respaldo is saved. The save checks again.
 */
export async function pickDocument(file: File): Promise<Result<PickedFile & { size: number }>> {
  const picked = await pickFile(file);
  if (!picked.ok) return picked;
  const checked = await invoke(backupsCheckDocument, { file: picked.value });
  return checked.ok ? { ok: true, value: { ...picked.value, size: checked.value.size } } : checked;
}
