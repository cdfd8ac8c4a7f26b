/** The sizes Chrome asks for: toolbar (16, 32 on high-density screens), the extensions page (48), the store (128). */
export const ICON_SIZES = [16, 32, 48, 128] as const;

/** `{ "16": "icon/16.png", … }`: the manifest's `icons` and the action's `default_icon`. */
export const ICON_PATHS = Object.fromEntries(ICON_SIZES.map((s) => [String(s), `icon/${s}.png`]));
