import type { NationalUpdateEntry } from '../../../../shared/contracts/updates';
import { formatDateTime } from '../../../../shared/dates';
import { saveReport } from '../../api/client';
import { countsText, kindText, updateDay } from './updateText';

/** The updates this station published (central) or applied (office), newest first. */
export function UpdateHistory({ title, id, entries, empty }: { title: string; id: string; entries: NationalUpdateEntry[]; empty: string }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {entries.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">N.º</th>
              <th scope="col">Tipo</th>
              <th scope="col">Fecha</th>
              <th scope="col">Contenido</th>
              <th scope="col">Archivo</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((u) => (
              <tr key={`${u.direction}-${u.seq}`}>
                <td>
                  <strong>{u.seq}</strong>
                </td>
                <td>{kindText(u)}</td>
                <td>
                  <div className="nowrap">Datos del {updateDay(u)}</div>
                  <div className="muted small nowrap">
                    {u.direction === 'PUBLICADA' ? 'Publicada' : 'Aplicada'} el {formatDateTime(u.recordedAt)}
                  </div>
                </td>
                <td>{countsText(u.counts)}</td>
                <td>
                  <div className="mono small filename">{u.fileName ?? '—'}</div>
                  {u.path && (
                    <button type="button" className="btn btn-small" aria-label={`Guardar una copia de ${u.fileName ?? `la actualización N.º ${u.seq}`}`} onClick={() => void saveReport(u.path!, u.fileName ?? `NACIONAL_${u.seq}.recupera-nacional`)}>
                      Guardar una copia…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
