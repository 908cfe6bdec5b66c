/** A grid of labelled numbers, as the import summary shows them. */
export function CountGrid({ items, label }: { items: Array<[string, number | string, string?]>; label: string }) {
  return (
    <dl className="counts" aria-label={label}>
      {items.map(([name, n, tone]) => (
        <div key={name} className={`count ${tone ?? ''}`}>
          <dt>{name}</dt>
          <dd>{typeof n === 'number' ? n.toLocaleString('es-EC') : n}</dd>
        </div>
      ))}
    </dl>
  );
}
