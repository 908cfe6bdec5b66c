import { describe, expect, it } from 'vitest';
import { DEFAULT_CAMPAIGN } from '../../shared/campaign';
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

  it('chooses the scenario from the charge flags', () => {
    expect(messageScenario({ chargesLoaded: true, paid: false, claim: false })).toBe('VALORES CARGADOS SIN PAGO NI RECLAMO');
    expect(messageScenario({ chargesLoaded: false, paid: false, claim: false })).toBe('NO SE CARGARON VALORES');
    expect(messageScenario({ chargesLoaded: true, paid: true, claim: false })).toBeNull();
    expect(messageScenario({ chargesLoaded: true, paid: false, claim: true })).toBeNull();
  });
});
