// The page side of bench/chromiumChain.ts, served as plain JavaScript: Playwright serialises a
// function passed to page.evaluate as its source text, and tsx's helpers (__name) would not exist
// in the page, so the page code lives in its own untranspiled file.

/**
 * Builds the chain in an OfflineAudioContext, renders it and reports the timings.
 * @param {import('./chromiumChain').PageChain} c
 */
window.renderChain = async function renderChain(c) {
  const ctx = new OfflineAudioContext(2, Math.round(c.seconds * c.rate), c.rate);
  const t0 = performance.now();
  const load = async (url) => ctx.decodeAudioData(await (await fetch(url)).arrayBuffer());
  const input = await load('/pink.wav');
  const ir = c.convolver ? await load('/ir.wav') : null;
  const t1 = performance.now();

  const source = ctx.createBufferSource();
  source.buffer = input;
  let node = source;
  for (const b of c.bands) {
    const f = ctx.createBiquadFilter();
    f.type = 'peaking';
    f.frequency.value = b.freq;
    f.Q.value = b.q;
    f.gain.value = b.gainDb;
    node.connect(f);
    node = f;
  }
  const comp = ctx.createDynamicsCompressor();
  comp.threshold.value = c.comp.thresholdDb;
  comp.ratio.value = c.comp.ratio;
  comp.knee.value = c.comp.kneeDb;
  comp.attack.value = c.comp.attackMs / 1000;
  comp.release.value = c.comp.releaseMs / 1000;
  node.connect(comp);

  const drive = ctx.createGain();
  drive.gain.value = 10 ** (c.limiter.inputGainDb / 20);
  if (ir) {
    const dry = ctx.createGain();
    dry.gain.value = 1 - c.mix;
    const wet = ctx.createGain();
    wet.gain.value = c.mix;
    const predelay = ctx.createDelay(1);
    predelay.delayTime.value = c.predelayMs / 1000;
    const convolver = ctx.createConvolver();
    convolver.normalize = false; // the IR already has unit energy
    convolver.buffer = ir;
    comp.connect(dry).connect(drive);
    comp.connect(predelay).connect(convolver).connect(wet).connect(drive);
  } else {
    comp.connect(drive);
  }
  const limiter = ctx.createDynamicsCompressor();
  limiter.threshold.value = c.limiter.ceilingDb;
  limiter.knee.value = 0;
  limiter.ratio.value = 20;
  limiter.attack.value = 0;
  limiter.release.value = c.limiter.releaseMs / 1000;
  drive.connect(limiter).connect(ctx.destination);
  source.start();

  const t2 = performance.now();
  const out = await ctx.startRendering();
  const t3 = performance.now();
  let peak = 0;
  for (let ch = 0; ch < out.numberOfChannels; ch++) {
    const data = out.getChannelData(ch);
    for (let i = 0; i < data.length; i++) peak = Math.max(peak, Math.abs(data[i]));
  }
  return { renderSeconds: (t3 - t2) / 1000, decodeSeconds: (t1 - t0) / 1000, frames: out.length, peak };
};
