import fs from 'node:fs';
import { test, expect, APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Sends a proposal through the JSON API, as another system would; answers its code. */
async function sendProposal(request: APIRequestContext, name: string, address: string, phone: string, title: string, content: string) {
  const sent = await request.post('/api/v1/cases', {
    data: { submitter_kind: 'individual', name, address, phone, category: 'proposal', title, content, consent: true },
  });
  expect(sent.status()).toBe(201);
  return (await sent.json()).code as string;
}

// The public record is a plain GET form over server-drawn figures: it works the same with and
// without JavaScript.
for (const javaScriptEnabled of [true, false]) {
  test.describe(`the statistics page (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    test.use({ javaScriptEnabled });

    test('a year on the calendar basis, then one agency', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('link', { name: 'Thống kê', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Thống kê/);
      await page.getByLabel('Loại kỳ').selectOption({ label: 'Năm' });
      await page.getByLabel('Cách tính kỳ').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Xem' }).click();
      await expect(page).toHaveURL(/ky=nam/);
      await expect(page).toHaveURL(/co-so=lich/);
      await expect(page.locator('#ky-bao-cao')).toHaveText(/^Năm \d{4}$/);
      await expect(page.locator('#ky-bao-cao + p')).toContainText('Kỳ tính theo tháng, quý, năm dương lịch.');
      await expect(page.locator('#ket-qua svg[role=img]')).toBeVisible();
      await expect(page.getByRole('rowheader', { name: 'Tiếp nhận trong kỳ' })).toBeVisible();

      await page.getByRole('combobox', { name: 'Cơ quan', exact: true }).selectOption('so-tu-phap');
      await page.getByRole('button', { name: 'Xem' }).click();
      await expect(page).toHaveURL(/co-quan=so-tu-phap/);
      await expect(page.getByRole('combobox', { name: 'Cơ quan', exact: true })).toHaveValue('so-tu-phap');
    });

    test('one field, the time to answer, the months and the fields', async ({ page }) => {
      // A case about no procedure, so that choice has a row whatever ran before.
      await sendProposal(page.request, 'Lê Văn Cường', '2 Hàng Bài, Hà Nội', '0912345678', 'Mở thêm quầy buổi trưa',
        'Đề nghị bộ phận một cửa mở thêm quầy tiếp nhận vào buổi trưa các ngày làm việc.');
      await page.goto('/thong-ke?ky=nam&co-so=lich');
      const field = page.getByRole('combobox', { name: 'Lĩnh vực', exact: true });
      await field.selectOption({ label: 'Không gắn với thủ tục hành chính' });
      await page.getByRole('button', { name: 'Xem' }).click();
      await expect(page).toHaveURL(/linh-vuc=khong/);
      await expect(field).toHaveValue('khong');
      const received = page.getByRole('row', { name: /Tiếp nhận trong kỳ/ }).getByRole('cell');
      expect(Number(await received.innerText())).toBeGreaterThan(0);
      await expect(page.getByRole('heading', { level: 2, name: 'Thời gian trả lời' })).toBeVisible();
      await expect(page.getByRole('rowheader', { name: 'Số ngày làm việc để trả lời: trung vị' })).toBeVisible();
      const chart = page.locator('#theo-thang-bieu-do svg[role=img]');
      await expect(chart).toBeVisible();
      await expect(chart).toHaveAccessibleName(/Diễn biến theo tháng/);
      const year = new Date().getFullYear();
      const months = page.getByRole('region', { name: 'Bảng số liệu theo tháng' });
      await expect(months.getByRole('rowheader')).toHaveCount(12);
      await expect(months.getByRole('rowheader').first()).toHaveText(`Tháng 1/${year}`);
      const fields = page.getByRole('region', { name: 'Bảng số liệu theo lĩnh vực' });
      await expect(fields.getByRole('rowheader', { name: 'Không gắn với thủ tục hành chính' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Tải bảng “Theo lĩnh vực” (CSV)' })).toHaveAttribute('href', /linh-vuc=khong/);
    });

    test('the agencies ranked, then one agency\'s scorecard', async ({ page }) => {
      // A case of this year, so the ranking has a row whatever ran before.
      await sendProposal(page.request, 'Trần Thị Bình', '5 Lý Thái Tổ, Hà Nội', '0987654321', 'Bỏ bản sao chứng thực',
        'Đề nghị không yêu cầu bản sao chứng thực khi đã có bản điện tử trên hệ thống.');
      await page.goto('/thong-ke?ky=nam&co-so=lich');
      await page.getByRole('link', { name: 'Xếp hạng các cơ quan' }).click();
      await expect(page).toHaveURL(/\/thong-ke\/co-quan\?.*ky=nam/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Xếp hạng cơ quan/);
      await page.getByLabel('Xếp theo').selectOption({ label: 'Tỷ lệ hài lòng' });
      await page.getByRole('button', { name: 'Xem' }).click();
      await expect(page).toHaveURL(/theo=hai-long/);
      await expect(page.getByRole('heading', { level: 2, name: 'Tỷ lệ hài lòng' })).toBeVisible();
      const ranking = page.getByRole('region', { name: 'Bảng xếp hạng' });
      await expect(ranking.getByRole('columnheader', { name: 'Hạng' })).toBeVisible();
      await expect(ranking.getByRole('cell', { name: /Chưa xếp hạng: dưới 10 phản ánh/ }).first()).toBeVisible();
      await page.goto('/co-quan/so-tu-phap');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sở Tư pháp thành phố Hà Nội');
      const card = page.getByRole('region', { name: /Kết quả xử lý phản ánh, kiến nghị/ });
      await expect(card.getByText('Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn')).toBeVisible();
      await expect(card.getByRole('rowheader', { name: 'Tổng số đang xử lý' })).toBeVisible();
    });

    test('a table downloads as the CSV of what the page shows', async ({ page }) => {
      // The other specs send cases into this year meanwhile: the page and its download are
      // compared when no case arrived between them (a few tries).
      let shown = '';
      let text = '';
      for (let attempt = 0; attempt < 5; attempt++) {
        await page.goto('/thong-ke?ky=nam&co-so=lich');
        shown = (await page.getByRole('row', { name: /Tiếp nhận trong kỳ/ }).getByRole('cell').innerText()).trim();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Tải bảng “Tổng hợp” (CSV)' }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^thong-ke-tong-hop-\d{4}-01-01\.csv$/);
        text = fs.readFileSync(await download.path(), 'utf8');
        if (text.includes(`Tiếp nhận trong kỳ,${shown}\r\n`)) break;
      }
      expect(text.startsWith('\ufeffChỉ tiêu,Số phản ánh\r\n')).toBe(true);
      expect(text).toContain(`Tiếp nhận trong kỳ,${shown}\r\n`);
    });

    test('the year\'s report: the table with its total, a spreadsheet to download, a page to print', async ({ page }) => {
      await page.goto('/thong-ke');
      await page.getByRole('link', { name: 'Báo cáo định kỳ (quý, 6 tháng, năm)' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo kết quả tiếp nhận, xử lý phản ánh, kiến nghị');
      await expect(page.getByLabel('Loại kỳ').locator('option')).toHaveText(['Quý', '6 tháng', 'Năm']);
      await page.getByLabel('Loại kỳ').selectOption({ label: 'Năm' });
      await page.getByRole('button', { name: 'Xem' }).click();
      await expect(page).toHaveURL(/\/thong-ke\/bao-cao\?.*ky=nam/);
      const table = page.getByRole('region', { name: 'Bảng báo cáo' });
      await expect(table.getByRole('rowheader', { name: 'Tổng cộng', exact: true })).toBeVisible();
      await expect(page.getByText(/^Ngày lập: /)).toBeVisible();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Tải báo cáo (XLSX)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^bao-cao-\d{4}\.xlsx$/);
      const bytes = fs.readFileSync(await download.path());
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
      const print = page.getByRole('button', { name: 'In báo cáo' });
      if (javaScriptEnabled) {
        await expect(print).toBeVisible();
      } else {
        await expect(print).toBeHidden();
      }
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByRole('form', { name: 'Chọn kỳ và phạm vi' })).toBeHidden();
      await expect(table.getByRole('rowheader', { name: 'Tổng cộng', exact: true })).toBeVisible();
    });

    test('a range the wrong way round is explained and the period shown', async ({ page }) => {
      await page.goto('/thong-ke?tu=2026-03-01&den=2026-01-01');
      await expect(page.getByRole('alert')).toContainText('Khoảng ngày chưa đúng');
      await expect(page.getByLabel('Từ ngày')).toHaveValue('2026-03-01');
    });
  });
}

// The report's internal copy: the coordinating office sees the public report and every agency's
// cases not yet answered in public, each linked to its page, and nothing about the submitters;
// an officer is refused.
for (const javaScriptEnabled of [true, false]) {
  test(`the report's internal copy for the coordinating office (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const name = 'Hoàng Thị Internal';
    const code = await sendProposal(page.request, name, '9 Tràng Tiền, Hà Nội', '0933456789', 'Niêm yết lại phí thủ tục',
      'Đề nghị niêm yết lại mức phí của thủ tục tại bộ phận một cửa cho đúng quy định mới.');
    await page.goto('/can-bo/dang-nhap');
    await page.getByLabel('Thư điện tử công vụ').fill('vanphong@demo.civicdesk.vn');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('civicdesk-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page).toHaveURL(/\/can-bo$/);
    await page.getByRole('link', { name: 'Báo cáo nội bộ' }).click();
    await expect(page).toHaveURL(/\/can-bo\/bao-cao$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo kết quả tiếp nhận, xử lý phản ánh, kiến nghị');
    await expect(page.getByRole('region', { name: 'Bảng báo cáo' }).getByRole('rowheader', { name: 'Tổng cộng', exact: true })).toBeVisible();
    await page.getByLabel('Loại kỳ').selectOption({ label: 'Năm' });
    await page.getByRole('button', { name: 'Xem' }).click();
    await expect(page).toHaveURL(/\/can-bo\/bao-cao\?.*ky=nam/);
    const list = page.getByRole('region', { name: 'Bảng phản ánh chưa công khai trả lời' });
    await expect(page.getByText(/^Tất cả cơ quan: \d+ phản ánh tiếp nhận đến hết ngày/)).toBeVisible();
    // The newest case is the one with the latest date, on the list's last page at worst; it is
    // found by its code on the page the queue's own order puts it.
    let found = false;
    for (let n = 0; n < 20 && !found; n++) {
      found = (await list.getByRole('link', { name: code }).count()) > 0;
      if (!found) {
        const next = page.getByRole('link', { name: 'Trang sau' });
        if ((await next.count()) === 0) break;
        await next.click();
      }
    }
    expect(found).toBe(true);
    if (javaScriptEnabled) {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    }
    await expect(page.locator('main')).not.toContainText(name);
    await expect(page.locator('main')).not.toContainText('0933456789');
    await list.getByRole('link', { name: code }).click();
    await expect(page).toHaveURL(new RegExp(`/can-bo/phan-anh/${code}$`));
    await context.close();

    const officer = await browser.newContext({ javaScriptEnabled });
    const other = await officer.newPage();
    await other.goto('/can-bo/dang-nhap');
    await other.getByLabel('Thư điện tử công vụ').fill('chuyenvien.tuphap@demo.civicdesk.vn');
    await other.getByLabel('Mật khẩu', { exact: true }).fill('civicdesk-demo');
    await other.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(other).toHaveURL(/\/can-bo$/);
    await expect(other.getByRole('link', { name: 'Báo cáo nội bộ' })).toHaveCount(0);
    const refused = await other.goto('/can-bo/bao-cao');
    expect(refused?.status()).toBe(403);
    await expect(other.getByText('Bản nội bộ của báo cáo dành cho lãnh đạo cơ quan và văn phòng điều phối.')).toBeVisible();
    await officer.close();
  });
}
