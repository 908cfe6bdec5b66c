/** One line of the carga de valores' totals: a service, its items to charge and what they are worth. */
export interface ServiceTotalLine {
  identification: string;
  name: string | null;
  serviceNumber: string;
  items: number;
  /** The sum of the items' values; null when no item has one (as SQL's sum of nothing but NULLs). */
  cents: number | null;
}

/**
 * Sums the carga de valores by service as its items go by. A service's items come together (the
 * depuración reads services in base order, each with its items), so a line is complete, and handed
 * to `emit`, as soon as the next service starts: nothing is held but the service being summed.
 */
export class ServiceTotals {
  private current: (ServiceTotalLine & { service: number }) | null = null;

  constructor(private readonly emit: (line: ServiceTotalLine) => void) {}

  add(service: number, identification: string, name: string | null, serviceNumber: string, value: number | null): void {
    if (this.current?.service !== service) {
      this.end();
      this.current = { service, identification, name, serviceNumber, items: 0, cents: null };
    }
    this.current.items++;
    if (value !== null) this.current.cents = (this.current.cents ?? 0) + value;
  }

  /** The last service's line goes out; call it once every item has been added. */
  end(): void {
    if (!this.current) return;
    const { service: _service, ...line } = this.current;
    this.current = null;
    this.emit(line);
  }
}
