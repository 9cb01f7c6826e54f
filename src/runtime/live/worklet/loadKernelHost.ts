/**
 * Loads the kernel-host worklet module into a context, once per context. Vite bundles
 * `kernelHost.worklet.ts` (and the kernels it imports) as a separate ES module and gives its URL.
 */
import kernelHostUrl from './kernelHost.worklet?worker&url';

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();

/** The URL of the bundled kernel-host module. */
export const KERNEL_HOST_URL: string = kernelHostUrl;

/**
 * Adds the kernel-host module to `context.audioWorklet` (once; later calls share the promise).
 * @param url override, for a bundler other than Vite.
 */
export function loadKernelHost(context: BaseAudioContext, url: string = KERNEL_HOST_URL): Promise<void> {
  let pending = loaded.get(context);
  if (!pending) {
    if (!context.audioWorklet) {
      return Promise.reject(new Error('AudioWorklet is not available (it needs a secure context: https or localhost)'));
    }
    pending = context.audioWorklet.addModule(url);
    loaded.set(context, pending);
  }
  return pending;
}
