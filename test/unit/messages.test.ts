import { describe, expect, it } from 'vitest';
import { CampaignSettings, DEFAULT_CAMPAIGN, deadlineBanner, messagesRefusal } from '../../shared/campaign';
import { messageScenario, renderMessages } from '../../shared/messages';

// The seed's four texts, copied from the training deck (000_494a7d2a7dcd2fdb.txt).
const SEED = {
  ivrCharged:
    'CNT informa: Tienes valores adicionales cargados a tu factura por la no entrega de los equipos de tu servicio retirado durante la emergencia sanitaria, agenda tu turno en la página www.cnt.com.ec para la entrega de los mismos.',
  ivrNotCharged:
    'CNT informa: Tienes pendiente la entrega los equipos de tu servicio retirado durante la emergencia sanitaria, si ya realizaste la entrega de los mismos, envía el documento de respaldo al correo posventagec2@cnt.gob.ec o si aún no lo realizas, agenda tu turno en la página www.cnt.com.ec; hasta el miércoles 31 de marzo de 2021 para evitar que se generen valores adicionales a pagar, para más información comunícate al 1800-100-100.',
  waCharged:
    'Hola Juan, te saludamos de CNT.\n\nTe informamos que tienes valores cargados a tu factura por la no entrega de los equipos de tu servicio de Internet Fijo con numero de servicio 12345 retirado el 10/05/2020, agenda tu turno en la página https://flujodecolas.cnt.gob.ec/web/ para la entrega de los mismos.',
  waNotCharged:
    'Hola Juan, te saludamos de CNT.\n\nTe recordamos entregar los equipos de tu servicio de Internet Fijo con numero de servicio 12345 retirado durante la emergencia sanitaria el 10/05/2020, si ya realizaste la entrega de los mismos, envía el documento de respaldo al correo posventagec2@cnt.gob.ec o si aún no lo realizas, agenda tu turno en la página https://flujodecolas.cnt.gob.ec/web/. hasta el miércoles 31 de marzo de 2021 para evitar que se generen valores adicionales a pagar, para más información comunícate al 1800-100-100.',
};

const juan = { name: 'PEREZ LOPEZ JUAN CARLOS', businessLine: 'Internet Fijo', serviceNumber: '12345', cancelDate: '2020-05-10' };

describe('campaign messages', () => {
  it('reproduces the seed texts word for word with the seed example', () => {
    expect(renderMessages('VALORES CARGADOS SIN PAGO NI RECLAMO', juan, DEFAULT_CAMPAIGN)).toEqual({ ivr: SEED.ivrCharged, whatsapp: SEED.waCharged });
    expect(renderMessages('NO SE CARGARON VALORES', juan, DEFAULT_CAMPAIGN)).toEqual({ ivr: SEED.ivrNotCharged, whatsapp: SEED.waNotCharged });
  });

  it('follows the campaign settings', () => {
    const c = { ...DEFAULT_CAMPAIGN, deadline: '2026-12-15', phone: '1800-266-266' };
    const m = renderMessages('NO SE CARGARON VALORES', { ...juan, name: 'DE LA TORRE ANDRADE MARÍA JOSÉ' }, c);
    expect(m.whatsapp).toContain('Hola María,');
    expect(m.whatsapp).toContain('hasta el martes 15 de diciembre de 2026');
    expect(m.ivr).toContain('comunícate al 1800-266-266');
  });

  it('names the CNT web page from the settings in every text that names it', () => {
    const c = { ...DEFAULT_CAMPAIGN, websiteUrl: 'www.cnt.gob.ec' };
    for (const scenario of ['VALORES CARGADOS SIN PAGO NI RECLAMO', 'NO SE CARGARON VALORES'] as const) {
      const m = renderMessages(scenario, juan, c);
      expect(m.ivr).toContain('agenda tu turno en la página www.cnt.gob.ec');
      expect(m.ivr).not.toContain('www.cnt.com.ec');
    }
    // No default text keeps a literal address of the web page.
    for (const [key, text] of Object.entries(DEFAULT_CAMPAIGN)) if (key !== 'websiteUrl') expect(String(text)).not.toContain('www.cnt.com.ec');
  });

  it('refuses customer messages while the deadline is past, and says how to go on', () => {
    expect(messagesRefusal(DEFAULT_CAMPAIGN, new Date(2021, 2, 31, 22))).toBeNull();
    expect(messagesRefusal(DEFAULT_CAMPAIGN, new Date(2021, 3, 1, 8))).toBe(
      'No se generaron los mensajes para los clientes: el plazo de la campaña venció el 31/03/2021 y los mensajes dirían una fecha pasada. Cambie la fecha límite en Configuración → Campaña y vuelva a generarlos.',
    );
    expect(deadlineBanner(DEFAULT_CAMPAIGN, new Date(2026, 0, 5))).toBe(
      'El plazo de la campaña venció el 31/03/2021: los guiones y mensajes dirían una fecha pasada. Cámbielo en Configuración → Campaña.',
    );
    expect(deadlineBanner({ deadline: '2026-01-05' }, new Date(2026, 0, 5, 23, 59))).toBeNull();
  });

  it('gives a campaign a name and a year, defaulting to the 2021 campaign; stored settings without a year still read', () => {
    expect(DEFAULT_CAMPAIGN).toMatchObject({ name: 'Recuperación de equipos 2021', year: 2021 });
    const { year: _year, ...older } = DEFAULT_CAMPAIGN;
    expect(CampaignSettings.safeParse(older).success).toBe(false);
    expect(CampaignSettings.parse({ ...DEFAULT_CAMPAIGN, ...older }).year).toBe(2021);
    expect(CampaignSettings.safeParse({ ...DEFAULT_CAMPAIGN, year: 21 }).error?.issues[0]?.message).toBe('Escriba un año desde 2020.');
  });

  it('says in plain Spanish what a text setting lacks or has too much of', () => {
    const why = (patch: Partial<typeof DEFAULT_CAMPAIGN>) => CampaignSettings.safeParse({ ...DEFAULT_CAMPAIGN, ...patch }).error?.issues[0]?.message;
    expect(why({ name: '  ' })).toBe('Escriba el nombre de la campaña: al menos 3 caracteres.');
    expect(why({ scriptDone: 'Largo '.repeat(450) })).toBe('Acorte el guion: admite hasta 2000 caracteres.');
    expect(why({ ivrCharged: 'Hola' })).toBe('Escriba el mensaje: al menos 10 caracteres.');
    expect(why({ phone: '1'.repeat(41) })).toBe('Acorte el teléfono: admite hasta 40 caracteres.');
  });

  it('chooses the scenario from the charge flags', () => {
    expect(messageScenario({ chargesLoaded: true, paid: false, claim: false })).toBe('VALORES CARGADOS SIN PAGO NI RECLAMO');
    expect(messageScenario({ chargesLoaded: false, paid: false, claim: false })).toBe('NO SE CARGARON VALORES');
    expect(messageScenario({ chargesLoaded: true, paid: true, claim: false })).toBeNull();
    expect(messageScenario({ chargesLoaded: true, paid: false, claim: true })).toBeNull();
  });
});
