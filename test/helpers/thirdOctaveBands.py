"""1/3-octave band levels of audio files, computed with numpy only (an outside check on the album
code's spectra): ffmpeg decodes each file to float, the mid signal's power spectrum is averaged over
Hann frames of 8192 samples (hop 4096), and each band 1000*2^(k/3) Hz, k = -10..10, gets the mean
power of the FFT bins within fc*2^(-1/6) .. fc*2^(1/6), in dB. Prints one JSON list per file."""
import json
import subprocess
import sys

import numpy as np


def band_levels(path):
    raw = subprocess.run(['ffmpeg', '-v', 'error', '-i', path, '-f', 'f32le', '-ac', '2', '-ar', '48000', '-'],
                         check=True, capture_output=True).stdout
    x = np.frombuffer(raw, dtype='<f4').reshape(-1, 2).astype(np.float64)
    mid = 0.5 * (x[:, 0] + x[:, 1])
    n, hop = 8192, 4096
    window = np.hanning(n)
    frames = [mid[i:i + n] * window for i in range(0, len(mid) - n + 1, hop)]
    power = np.mean(np.abs(np.fft.rfft(np.array(frames), axis=1)) ** 2, axis=0)
    freqs = np.fft.rfftfreq(n, 1 / 48000)
    out = []
    for k in range(-10, 11):
        fc = 1000 * 2 ** (k / 3)
        band = (freqs >= fc * 2 ** (-1 / 6)) & (freqs < fc * 2 ** (1 / 6))
        out.append(float(10 * np.log10(np.mean(power[band]))))
    return out


print(json.dumps([band_levels(p) for p in sys.argv[1:]]))
