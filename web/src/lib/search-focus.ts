/**
 * The `/` shortcut focuses the search box. When it is pressed on another page the box does not exist yet,
 * so the request waits until the search page mounts and registers its box.
 */
let box: HTMLInputElement | null = null;
let pending = false;

export function registerSearchBox(element: HTMLInputElement | null): void {
  box = element;
  if (box && pending) {
    pending = false;
    box.focus();
  }
}

export function focusSearchBox(): void {
  if (box?.isConnected) box.focus();
  else pending = true;
}
