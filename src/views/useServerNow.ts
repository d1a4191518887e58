// The server's clock, ticking: for countdowns every tab shows alike (a tab's own clock may be off
// by minutes; the offset to the server's is measured when the map opens, src/app/workshopClient.ts).
import { useEffect, useState } from 'react';

/** The server's time now (`offset` added to this tab's), updated every `everyMs` while `active`. */
export function useServerNow(offset: number, active: boolean, everyMs = 250): number {
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now() + offset), everyMs);
    return () => clearInterval(timer);
  }, [offset, active, everyMs]);
  return now;
}
