/**
 * Takes full-page screenshots of running pages in Debian Chromium, for looking at what we build.
 * Usage: npx node scripts/screenshot.ts http://localhost:4321/ out.png [width]
 */
import { chromium } from '@playwright/test';

const [url, output, width = '390'] = process.argv.slice(2);
if (!url || !output) {
  console.error('Usage: node scripts/screenshot.ts URL OUTPUT.png [WIDTH]');
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 800 } });
const messages: string[] = [];
page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
await page.goto(url);
await page.screenshot({ path: output, fullPage: true });
await browser.close();
for (const message of messages) console.log(message);
