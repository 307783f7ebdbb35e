/** Types for make-icons.mjs (read by the packaging tests). */
export declare const ICON_DIR: string;
export declare const PNG_SIZES: number[];
export declare function iconSvg(): string;
export declare function rasterise(size: number): Uint8Array;
export declare function encodePng(size: number, pixels: Uint8Array): Buffer;
export declare function renderIconFiles(): Map<string, Buffer>;
