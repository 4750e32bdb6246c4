// The redraw timing the frame benchmarks share: an action run in the page (a button
// clicked by its text, or a line submitted at the sandbox's console), timed from just
// before it until Leptos has run every effect (they run as microtasks; a MessageChannel
// task comes after them all) and the browser has recomputed style and layout (forced):
// the work a frame must fit, without the wait for the next vsync that a
// requestAnimationFrame measurement would add.

/** Resolves to the ms of script, style and layout that clicking the button whose text
 * includes `name` caused. */
export const timeClick = (page, name) => timeAction(page, 'button', name);

/** The same for `line` submitted at the sandbox's console. */
export const timeLine = (page, line) => timeAction(page, 'line', line);

function timeAction(page, kind, arg) {
  return page.evaluate(async ([kind, arg]) => {
    const afterMicrotasks = () => new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      channel.port2.postMessage(null);
    });
    await afterMicrotasks();
    const t0 = performance.now();
    if (kind === 'line') {
      const input = document.querySelector('input[aria-label="Command"]');
      input.value = arg;
      input.form.requestSubmit();
    } else {
      [...document.querySelectorAll('button')].find((b) => b.textContent.includes(arg)).click();
    }
    await afterMicrotasks();
    void document.body.offsetHeight; // force style and layout now
    return performance.now() - t0;
  }, [kind, arg]);
}

/** Median, p90 and max of `xs` (ms), and how many. */
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { median_ms: s[Math.floor(s.length / 2)], p90_ms: s[Math.floor(s.length * 0.9)], max_ms: s.at(-1), n: s.length };
}
