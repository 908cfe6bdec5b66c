import type { SessionUser } from '../../shared/contracts/app';
import type { CustomerCard, ServiceCard } from '../../shared/contracts/customers';
import type { ActaView } from '../../shared/contracts/handovers';
import { cents } from '../../shared/money';
import { useApp } from '../../renderer/src/store/app';

type ItemCard = ServiceCard['items'][number];

function item(id: string, type: string, brand: string, model: string, serial: string | null, value: number): ItemCard {
  return { id, type, brand, model, serial, valueCents: cents(value), returnedIn: null };
}

function service(id: string, serviceNumber: string, businessLine: string, items: ItemCard[]): ServiceCard {
  return {
    id,
    serviceNumber,
    businessLine,
    cancelDate: '2020-05-10',
    status: 'PENDIENTE',
    statusReason: null,
    chargesLoaded: false,
    paid: false,
    claim: false,
    inBase: true,
    regional: null,
    province: null,
    city: 'Quito',
    items,
    unlisted: [],
  };
}

/** A customer of the base with two services: a modem and its power supply, and a decoder. */
export function customerCard(): CustomerCard {
  return {
    id: 'c1',
    identification: '1712345675',
    idType: 'CEDULA',
    name: 'PÉREZ LÓPEZ JUAN CARLOS',
    phone: null,
    email: null,
    match: 'identification',
    services: [
      service('s1', '1001', 'Internet Fijo', [item('i1', 'MODEM', 'HUAWEI', 'HG8245H', 'HW-0001', 4500), item('i2', 'FUENTE DE PODER', 'HUAWEI', '12V', 'PS-0001', 600)]),
      service('s2', '2002', 'Televisión', [item('i3', 'DECODIFICADOR', 'KAON', 'KSF-SA800', 'KA-0001', 6000)]),
    ],
  };
}

/** The acta `handovers:save` answers with (only its id matters to the form). */
export function savedActa(id: string): ActaView {
  return {
    id,
    number: 'UIO-INAQUITO-01-2026-000001',
    station: 'UIO-INAQUITO-01',
    office: 'CAC Iñaquito',
    city: 'Quito',
    deliveredAt: '2026-03-02T15:00:00.000Z',
    clerkName: 'Carla Coordinadora',
    clerkUsername: 'carla',
    clerkIdentification: null,
    customerId: 'c1',
    holder: { identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN CARLOS' },
    deliveredBy: 'TITULAR',
    thirdParty: null,
    documents: [],
    services: [],
    items: [],
    observations: null,
    outOfBase: false,
    historical: false,
    verificationCode: 'ABCDEFGH',
    qrText: 'RECUPERA|UIO-INAQUITO-01-2026-000001|ABCDEFGH',
    voided: null,
    owed: [],
  };
}

/** The window as a sign-in leaves it: `user` signed in at Iñaquito's station. */
export function signedIn(user: SessionUser): void {
  useApp.setState({
    info: {
      version: '0.1.0',
      station: { code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', regional: null, city: 'Quito' },
      initialized: true,
      needsAdmin: false,
      user,
      counts: { customers: 0, services: 0, items: 0 },
    },
  });
}
