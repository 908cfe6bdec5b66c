/**
 * Whether a process with this id is running on this PC (this one included). Recovery on start asks
 * it before taking a job or a temporary file for the leftover of a dead run: the desktop app and a
 * command line may work on one data folder at the same time. Signal 0 only checks; it works on
 * Windows too. A reused id makes a dead run look alive: its leftovers wait for the next start.
 */
export function processAlive(pid: number | null): boolean {
  if (pid === null || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
