/**
 * Turns of the event loop handed out one at a time, in order of arrival: each waiter resumes in a
 * loop iteration of its own, so the sockets are polled (a health probe, another caller) between
 * any two. For work that costs CPU once a shared result arrives: when one processlist snapshot
 * answers 300 waiting lists at once, their pages and answers are made one per turn instead of in
 * one long stretch that stalls every other request.
 */
export const createTurns = (): (() => Promise<void>) => {
  const waiting: Array<() => void> = [];
  let pumping = false;
  const pump = () => {
    const next = waiting.shift();
    if (!next) {
      pumping = false;
      return;
    }
    // The waiter runs in the microtasks right after this callback; an immediate queued from
    // inside an immediate runs only in the next iteration of the loop, after its poll phase.
    next();
    setImmediate(pump);
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!pumping) {
        pumping = true;
        setImmediate(pump);
      }
    });
};
