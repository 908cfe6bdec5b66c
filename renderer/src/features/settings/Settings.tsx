import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CampaignSettings } from '../../../../shared/campaign';
import { settingsGet, settingsUpdate } from '../../../../shared/contracts/settings';
import { formatLongDate } from '../../../../shared/dates';
import { renderMessages } from '../../../../shared/messages';
import { campaignMarkProblems } from '../../../../shared/placeholders';
import type { AppError } from '../../../../shared/result';
import { can } from '../../../../shared/roles';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { DateField } from '../../components/DateField';
import { useApp } from '../../store/app';
import { forgetCampaign } from '../customer/campaign';
import { IdleLockSetting } from '../session/IdleLockSetting';
import { CampaignSection } from './CampaignSection';
import { DatabaseBackups } from './DatabaseBackups';
import { Diagnostics } from './Diagnostics';
import { PricesSetting } from './PricesSetting';
import { SharedFolderSetting } from './SharedFolderSetting';
import { StationTrust } from './StationTrust';

const TEXT_FIELDS: Array<[keyof CampaignSettings, string, string?]> = [
  ['name', 'Nombre de la campaña'],
  ['backupEmail', 'Correo para respaldos', 'Donde el cliente envía el acta de entrega-recepción.'],
  ['emailSubjectFormat', 'Asunto del correo', 'Formato que debe usar el cliente.'],
  ['schedulingUrl', 'Portal de turnos'],
  ['websiteUrl', 'Página web de CNT'],
  ['phone', 'Teléfono de información'],
];

const EXAMPLE = { name: 'PEREZ LOPEZ JUAN', businessLine: 'Internet Fijo', serviceNumber: '12345', cancelDate: '2020-05-10' };

/** The guion per situation: a service that owes reads its charge scenario's text, then the one for "ya los entregué". */
const SCRIPT_FIELDS = [
  ['scriptNotCharged', 'Guion: pendiente, no se cargaron valores'],
  ['scriptCharged', 'Guion: pendiente, valores cargados sin pago ni reclamo'],
  ['scriptPaid', 'Guion: pendiente, valores cargados y pagados'],
  ['scriptClaim', 'Guion: pendiente, valores cargados con reclamo'],
  ['scriptReturned', 'Guion: el cliente dice que ya entregó los equipos'],
  ['scriptReview', 'Guion: respaldo en revisión'],
  ['scriptDone', 'Guion: ya entregó o regularizado'],
] as const;

const MESSAGE_FIELDS = [
  ['ivrCharged', 'IVR · valores cargados sin pago ni reclamo', 'VALORES CARGADOS SIN PAGO NI RECLAMO', 'ivr'],
  ['ivrNotCharged', 'IVR · no se cargaron valores', 'NO SE CARGARON VALORES', 'ivr'],
  ['whatsappCharged', 'WhatsApp · valores cargados sin pago ni reclamo', 'VALORES CARGADOS SIN PAGO NI RECLAMO', 'whatsapp'],
  ['whatsappNotCharged', 'WhatsApp · no se cargaron valores', 'NO SE CARGARON VALORES', 'whatsapp'],
] as const;

/** Campaign settings: dates, addresses and numbers that the scripts and messages use. */
export function Settings() {
  const user = useApp((s) => s.info?.user);
  const editable = user ? can(user.role, 'settings') : false;
  const [v, setV] = useState<CampaignSettings | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [refused, setRefused] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    void invoke(settingsGet, {}).then((r) => (r.ok ? setV(r.value) : setError(r.error)));
  }, []);

  // «Guardar» sits under a form taller than the screen: a refusal goes to the first field it names
  // (its message is under it), or into view at the top, instead of happening out of sight.
  useEffect(() => {
    if (refused === 0) return;
    const form = formRef.current;
    const message = form?.querySelector('.field-error');
    const field = message?.id ? form?.querySelector<HTMLElement>(`[aria-describedby~="${message.id}"]`) : null;
    if (field) field.focus();
    else form?.querySelector('[role="alert"]')?.scrollIntoView?.({ block: 'center' });
  }, [refused]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!v) return;
    setSaved(false);
    const r = await invoke(settingsUpdate, v);
    if (!r.ok) {
      setError(r.error);
      setRefused((n) => n + 1);
      return;
    }
    setError(null);
    setV(r.value);
    setSaved(true);
    forgetCampaign();
  }

  // Saved all the same (the texts are the campaign's to decide), but a misspelt mark is said, not left to the customer to find.
  const marks = v ? campaignMarkProblems(v) : [];
  const diagnostics = user && can(user.role, 'diagnostics') ? <Diagnostics /> : null;
  // Support's file is most needed when something is broken: it is offered even if the settings failed to load.
  if (!v) return <div className="page"><ErrorBox error={error} />{error && diagnostics}</div>;
  return (
    <div className="page">
      <h1>Configuración de la campaña</h1>
      <form noValidate className="panel" onSubmit={submit} ref={formRef}>
        <ErrorBox error={error} />
        {!editable && <p className="alert alert-warn">Solo un administrador puede cambiar la configuración.</p>}
        <fieldset disabled={!editable}>
          <div className="row">
            <DateField label="Inicio de la campaña" error={error?.fields?.startDate} value={v.startDate} onChange={(startDate) => setV({ ...v, startDate })} />
            <DateField
              label="Fecha límite de entrega"
              hint={v.deadline ? `Se lee: ${formatLongDate(v.deadline)}` : undefined}
              error={error?.fields?.deadline}
              value={v.deadline}
              onChange={(deadline) => setV({ ...v, deadline })}
            />
            <Field
              label="Conservar documentos de respaldo N días después del cierre de la campaña"
              hint="Pasado ese plazo desde la fecha límite, los archivos de los respaldos se eliminan; su registro (nombre, huella, quién y cuándo) se conserva."
              error={error?.fields?.documentRetentionDays}
            >
              {(id, d) => (
                <input
                  id={id}
                  aria-describedby={d}
                  type="number"
                  min={30}
                  max={3650}
                  value={v.documentRetentionDays}
                  onChange={(e) => setV({ ...v, documentRetentionDays: e.target.valueAsNumber })}
                />
              )}
            </Field>
          </div>
          {TEXT_FIELDS.map(([key, label, hint]) => (
            <Field key={key} label={label} hint={hint} error={error?.fields?.[key]}>
              {(id, d) => <input id={id} aria-describedby={d} value={v[key]} onChange={(e) => setV({ ...v, [key]: e.target.value })} />}
            </Field>
          ))}
          <Field label="Año de la campaña" error={error?.fields?.year}>
            {(id, d) => (
              <input id={id} aria-describedby={d} type="number" min={2020} max={2100} value={v.year} onChange={(e) => setV({ ...v, year: e.target.valueAsNumber })} />
            )}
          </Field>
          {SCRIPT_FIELDS.map(([key, label]) => (
            <Field key={key} label={label} hint="Marcadores: {nombre} {linea_negocio} {numero_servicio} {fecha_retiro} {fecha_limite} {correo} {url_turnos} {pagina_web} {telefono} {asunto}" error={error?.fields?.[key]}>
              {(id, d) => <textarea id={id} aria-describedby={d} rows={4} value={v[key]} onChange={(e) => setV({ ...v, [key]: e.target.value })} />}
            </Field>
          ))}
          <h2>Mensajes IVR y WhatsApp</h2>
          <p className="muted">Vista previa con el ejemplo de la capacitación (Juan, Internet Fijo, servicio 12345, retirado el 10-5-2020).</p>
          {MESSAGE_FIELDS.map(([key, label, scenario, channel]) => (
            <div key={key} className="message-field">
              <Field label={label} hint="Marcadores: {nombre} {linea_negocio} {numero_servicio} {fecha_retiro} {fecha_limite} {correo} {url_turnos} {pagina_web} {telefono}" error={error?.fields?.[key]}>
                {(id, d) => <textarea id={id} aria-describedby={d} rows={4} value={v[key]} onChange={(e) => setV({ ...v, [key]: e.target.value })} />}
              </Field>
              <div className="preview" aria-label={`Vista previa: ${label}`}>
                {renderMessages(scenario, EXAMPLE, v)[channel]}
              </div>
            </div>
          ))}
          <div className="actions">
            <button type="submit" className="btn btn-primary">
              Guardar
            </button>
            {/* Beside the button, where the person is: the top of this form is screens away. */}
            {saved && (
              <p className={`alert ${marks.length > 0 ? 'alert-warn' : 'alert-ok'}`} role="status">
                Cambios guardados.
                {marks.length > 0 && ` Revise estos marcadores, que nada reemplaza y llegarían tal cual al cliente: ${marks.join('; ')}.`}
              </p>
            )}
          </div>
        </fieldset>
      </form>
      <PricesSetting />
      {user && can(user.role, 'progress') && (
        <CampaignSection onStarted={() => void invoke(settingsGet, {}).then((r) => r.ok && setV(r.value))} />
      )}
      <StationTrust />
      <SharedFolderSetting />
      <IdleLockSetting />
      {user && can(user.role, 'diagnostics') && <DatabaseBackups />}
      {diagnostics}
    </div>
  );
}
