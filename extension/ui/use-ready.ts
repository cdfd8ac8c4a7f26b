import { useEffect } from 'react';

/** Marks the page interactive (`body[data-ready="1"]`) once its first real render, after the initial data load, is done. */
export function useReady(done: boolean): void {
  useEffect(() => {
    if (done && document.body.dataset.ready !== '1') {
      document.body.dataset.ready = '1';
      // time from navigation start to the first real render: the "interactive" figure the e2e run prints
      document.body.dataset.readyMs = performance.now().toFixed(0);
      performance.mark?.('cvpath:ready');
    }
  }, [done]);
}
