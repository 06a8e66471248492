import { test, expect, Browser } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { axe, submit, watch } from './casework';

const MAIL = path.join(__dirname, '..', '..', 'target', 'e2e-data', 'mail');

/** The plain text of the newest message to `address`, decoded (base64 or quoted-printable). */
async function mailTo(address: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const files = fs.existsSync(MAIL) ? fs.readdirSync(MAIL).filter((f) => f.endsWith('.eml')).sort().reverse() : [];
    for (const file of files) {
      const eml = fs.readFileSync(path.join(MAIL, file), 'utf8').replace(/\r\n/g, '\n');
      if (!eml.split('\n').includes(`To: ${address}`)) continue;
      const part = eml.split('Content-Type: text/plain')[1];
      const [headers, ...rest] = part.split('\n\n');
      const body = rest.join('\n\n').split('\n--')[0];
      if (/base64/i.test(headers)) return Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
      if (/quoted-printable/i.test(headers)) {
        const joined = body.replace(/=\n/g, '');
        return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
      }
      return body;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no message to ${address}`);
}

/**
 * A business follows a procedure from its page: a wrong address is refused beside the field with
 * what was typed kept; then the confirmation link, the page that confirms, and one click to stop.
 */
async function follow(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const errors = watch(page);
  const address = `doanhnghiep.${javaScriptEnabled ? 'js' : 'html'}.${Date.now()}@example.vn`;

  await page.goto('/thu-tuc/1.001193');
  await page.getByRole('link', { name: 'Nhận thư khi thủ tục này thay đổi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Theo dõi thủ tục');
  if (javaScriptEnabled) expect(await axe(page), 'the form to follow').toEqual([]);
  const email = page.getByLabel('Thư điện tử');
  await email.fill('doanhnghiep@');
  await page.getByRole('button', { name: 'Theo dõi' }).click();
  await expect(page.locator('.field-invalid .field-error')).toBeVisible();
  await expect(email).toHaveValue('doanhnghiep@');
  await email.fill(address);
  await page.getByRole('button', { name: 'Theo dõi' }).click();
  await expect(page.getByRole('heading', { name: 'Hãy kiểm tra hộp thư' })).toBeVisible();

  const text = await mailTo(address);
  const link = text.match(/https?:\/\/[^\s]+\/theo-doi\/[0-9a-f]{48}/)![0];
  await page.goto(new URL(link).pathname);
  await expect(page.getByText('Chưa xác nhận')).toBeVisible();
  await page.getByRole('button', { name: 'Xác nhận theo dõi' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã xác nhận: bạn sẽ nhận thư khi thủ tục thay đổi.');
  await expect(page.getByText('Chưa xác nhận')).toHaveCount(0);
  if (javaScriptEnabled) expect(await axe(page), 'the page of what an address follows').toEqual([]);
  await page.getByLabel('Nhận thư', { exact: true }).selectOption('daily');
  await page.getByRole('button', { name: 'Đổi' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã đổi cách nhận thư.');
  await expect(page.locator('.follow-frequency')).toHaveText('Mỗi ngày một thư');
  await page.getByRole('button', { name: 'Bỏ theo dõi' }).click();
  await expect(page.getByRole('heading', { name: 'Đã bỏ theo dõi' })).toBeVisible();

  expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  await context.close();
}

test('a business follows a procedure, confirms and stops, with JavaScript', async ({ browser }) => {
  await follow(browser, true);
});

test('a business follows a procedure, confirms and stops, without JavaScript', async ({ browser }) => {
  await follow(browser, false);
});

/** A citizen follows an agency's answers, once a week: the choice is kept when the address is refused. */
async function followAgency(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const errors = watch(page);
  const address = `congdan.${javaScriptEnabled ? 'js' : 'html'}.${Date.now()}@example.vn`;

  await page.goto('/co-quan/so-tu-phap');
  await page.getByRole('link', { name: 'Nhận thư khi cơ quan này công khai câu trả lời' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Theo dõi câu trả lời của cơ quan');
  await page.getByLabel('Mỗi tuần một thư (thứ Hai)').check();
  await page.getByLabel('Thư điện tử').fill('congdan@');
  await page.getByRole('button', { name: 'Theo dõi' }).click();
  await expect(page.locator('.field-invalid .field-error')).toBeVisible();
  await expect(page.getByLabel('Mỗi tuần một thư (thứ Hai)')).toBeChecked();
  if (javaScriptEnabled) expect(await axe(page), 'the form to follow an agency, refused').toEqual([]);
  await page.getByLabel('Thư điện tử').fill(address);
  await page.getByRole('button', { name: 'Theo dõi' }).click();
  await expect(page.getByRole('heading', { name: 'Hãy kiểm tra hộp thư' })).toBeVisible();

  const link = (await mailTo(address)).match(/https?:\/\/[^\s]+\/theo-doi\/[0-9a-f]{48}/)![0];
  await page.goto(new URL(link).pathname);
  await page.getByRole('button', { name: 'Xác nhận theo dõi' }).click();
  await expect(page.getByText('Sở Tư pháp thành phố Hà Nội · Mỗi tuần một thư (thứ Hai)')).toBeVisible();

  expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  await context.close();
}

test('a citizen follows an agency weekly, with JavaScript', async ({ browser }) => {
  await followAgency(browser, true);
});

test('a citizen follows an agency weekly, without JavaScript', async ({ browser }) => {
  await followAgency(browser, false);
});

/** A case followed from its public page, and a field from the answers narrowed to it. */
async function followCaseAndField(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const errors = watch(page);
  const tag = `${javaScriptEnabled ? 'js' : 'html'}.${Date.now()}`;
  const { code } = await submit(page, `Theo dõi phản ánh ${tag}`);

  await page.goto(`/phan-anh/${code}`);
  await page.getByRole('link', { name: 'Nhận thư khi phản ánh này có bước mới' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Theo dõi phản ánh');
  await expect(page.getByRole('radio')).toHaveCount(3);
  if (javaScriptEnabled) expect(await axe(page), 'the form to follow a case').toEqual([]);
  await page.getByLabel('Thư điện tử').fill(`phananh.${tag}@example.vn`);
  await page.getByRole('button', { name: 'Theo dõi' }).click();
  await expect(page.getByRole('heading', { name: 'Hãy kiểm tra hộp thư' })).toBeVisible();
  expect(await mailTo(`phananh.${tag}@example.vn`)).toContain(code);

  await page.goto('/phan-anh?linh-vuc=HT');
  await page.getByRole('link', { name: 'Nhận thư khi có câu trả lời trong lĩnh vực này' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Theo dõi câu trả lời trong một lĩnh vực');
  await expect(page.getByText('“Hộ tịch”', { exact: false })).toBeVisible();
  await page.getByLabel('Mỗi ngày một thư').check();
  await page.getByLabel('Thư điện tử').fill(`linhvuc.${tag}@example.vn`);
  await page.getByRole('button', { name: 'Theo dõi' }).click();
  await expect(page.getByRole('heading', { name: 'Hãy kiểm tra hộp thư' })).toBeVisible();
  expect(await mailTo(`linhvuc.${tag}@example.vn`)).toContain('Hộ tịch');

  expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  await context.close();
}

test('a case and a field are followed, with JavaScript', async ({ browser }) => {
  await followCaseAndField(browser, true);
});

test('a case and a field are followed, without JavaScript', async ({ browser }) => {
  await followCaseAndField(browser, false);
});
