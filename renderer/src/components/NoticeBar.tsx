import { useNotice } from '../api/notice';

/** Shows the last notice until the user closes it or another replaces it. */
export function NoticeBar() {
  const notice = useNotice((s) => s.notice);
  const clear = useNotice((s) => s.clear);
  if (!notice) return null;
  return (
    <div className={`alert ${notice.tone === 'ok' ? 'alert-ok' : 'alert-error'} notice-bar`} role={notice.tone === 'ok' ? 'status' : 'alert'}>
      <span>{notice.text}</span>{' '}
      <button type="button" className="btn btn-small" onClick={clear}>
        Cerrar
      </button>
    </div>
  );
}
