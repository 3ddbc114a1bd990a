// The few browser types used by the functions that workbench.ts runs inside the page. The project
// compiles without the DOM library (its code runs in Node), so they are spelled out here.

export interface PageRect {
  left: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
  x: number;
  y: number;
}

export interface PageNode {
  textContent: string | null;
}

export interface PageText extends PageNode {
  data: string;
  length: number;
}

export interface PageElement extends PageNode {
  innerText: string;
  scrollHeight: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): PageRect;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}

export interface PageInput extends PageElement {
  value: string;
}

export interface PageRange {
  setStart(node: PageText, offset: number): void;
  setEnd(node: PageText, offset: number): void;
  getBoundingClientRect(): PageRect;
}

export interface PageDocument {
  /** The focused element (an iframe element while the focus is inside its frame). */
  activeElement: { blur(): void } | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  createRange(): PageRange;
  createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): PageNode | null };
}
