import { useEffect } from 'react';

/** Marks the page interactive (`body[data-ready="1"]`) once its first real render, after the initial data load, is done. */
export function useReady(done: boolean): void {
  useEffect(() => {
    if (done && document.body.dataset.ready !== '1') {
      document.body.dataset.ready = '1';
      performance.mark?.('cvpath:ready');
    }
  }, [done]);
}
