/**
 * Alexa devices as their requests describe them: what interfaces they support and, for those
 * with a screen, the viewport (context.Viewport). Sizes are the devices' documented pixel
 * sizes and densities; APL works in dp (pixels x 160 / dpi).
 */
export interface Viewport {
  readonly mode: 'HUB' | 'TV' | 'MOBILE';
  readonly shape: 'ROUND' | 'RECTANGLE';
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  readonly dpi: number;
  readonly touch: readonly string[];
  readonly keyboard: readonly string[];
  /** The device's colour theme, as the document's viewport.theme reads it. */
  readonly theme: 'dark' | 'light';
}

export interface Device {
  readonly name: string;
  readonly viewport?: Viewport;
}

function screen(name: string, viewport: Omit<Viewport, 'touch' | 'keyboard' | 'theme'> & Partial<Pick<Viewport, 'touch' | 'keyboard' | 'theme'>>): Device {
  return { name, viewport: { touch: ['SINGLE'], keyboard: [], theme: 'dark', ...viewport } };
}

export const DEVICES = {
  echoDot: { name: 'Echo Dot (no screen)' },
  echoSpot: screen('Echo Spot (round)', { mode: 'HUB', shape: 'ROUND', pixelWidth: 480, pixelHeight: 480, dpi: 160 }),
  echoShow5: screen('Echo Show 5', { mode: 'HUB', shape: 'RECTANGLE', pixelWidth: 960, pixelHeight: 480, dpi: 160 }),
  echoShow8: screen('Echo Show 8', { mode: 'HUB', shape: 'RECTANGLE', pixelWidth: 1280, pixelHeight: 800, dpi: 213 }),
  echoShow15: screen('Echo Show 15', { mode: 'HUB', shape: 'RECTANGLE', pixelWidth: 1920, pixelHeight: 1080, dpi: 160 }),
  fireTv: screen('Fire TV', { mode: 'TV', shape: 'RECTANGLE', pixelWidth: 1920, pixelHeight: 1080, dpi: 320, touch: [], keyboard: ['DIRECTION'] }),
  alexaApp: screen('Alexa app (phone)', { mode: 'MOBILE', shape: 'RECTANGLE', pixelWidth: 1080, pixelHeight: 1920, dpi: 480, theme: 'light' }),
} as const satisfies Record<string, Device>;

export const SCREEN_DEVICES: readonly Device[] = Object.values(DEVICES).filter((device: Device) => device.viewport !== undefined);

/** The highest APL version the emulated devices run. */
export const APL_MAX_VERSION = '2024.2';

/** What a device puts in an envelope: context.System.device.supportedInterfaces and context.Viewport. */
export function deviceContext(device: Device | undefined): { supportedInterfaces: Record<string, unknown>; viewport?: Record<string, unknown> } {
  const viewport = device?.viewport;
  if (!viewport) return { supportedInterfaces: {} };
  return {
    supportedInterfaces: { 'Alexa.Presentation.APL': { runtime: { maxVersion: APL_MAX_VERSION } } },
    viewport: {
      experiences: [{ canRotate: false, canResize: false }],
      mode: viewport.mode,
      shape: viewport.shape,
      pixelWidth: viewport.pixelWidth,
      pixelHeight: viewport.pixelHeight,
      currentPixelWidth: viewport.pixelWidth,
      currentPixelHeight: viewport.pixelHeight,
      dpi: viewport.dpi,
      touch: [...viewport.touch],
      keyboard: [...viewport.keyboard],
      video: { codecs: [] },
    },
  };
}
