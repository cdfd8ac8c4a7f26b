/** Recorded in every Run; bump when the engine's results change for the same inputs. */
export const ENGINE_VERSION = '0.1.0';
