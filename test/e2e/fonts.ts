// Which installed fonts Chromium actually drew an element's text with (DevTools protocol
// CSS.getPlatformFontsForNode): proves a layout test ran with real CJK glyphs, not fallback boxes.
import type { Page } from 'playwright-core';

export async function platformFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no element matches ${selector}`);
    // Fonts are reported for the text node, the element's first child.
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1 });
    const text = node.children?.find((c) => c.nodeType === 3);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: text?.nodeId ?? nodeId });
    return fonts.map((f) => f.familyName);
  } finally {
    await cdp.detach();
  }
}
