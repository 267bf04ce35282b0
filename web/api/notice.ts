// The written notice (书面通知, §3.1–§3.3) as a printable page in Chinese: to the dispatching unit,
// citing the situation of §2 and the track of §3, with the working-day deadlines core computed for
// the recall (§3.5) and the appeal (§3.8), what follows (§3.6, §3.7) and the sanctions (§4.4). One
// self-contained HTML page: inline CSS for A4, no scripts, no external assets.
import { eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { isoWeekday, parts, type LocalDate } from '../../core/calendar/local-date';
import type { Deadline } from '../../core/procedure';
import { caseSanctions } from '../../core/responsibilities';
import { isSituationId, situation } from '../../core/situations';
import { pathIds } from '../../db/queries/parameters';
import { assignments, cadres, dispatchingUnits, orgUnits } from '../../db/schema';
import { caseInScope, caseReaders, idParam } from './cases';
import type { ApiEnv } from './env';
import { conflict } from './errors';
import { requireRole } from './session';
import { invalidInput } from './validate';

const regulation = '《关于进一步从严管理村党组织第一书记和驻村干部的意见》';

/** '2026-09-30' → '2026年9月30日'. */
export function zhDate(date: LocalDate): string {
  const { year, month, day } = parts(date);
  return `${year}年${month}月${day}日`;
}

const weekdays = ['一', '二', '三', '四', '五', '六', '日'];

/** '2026-10-09' → '2026年10月9日（星期五）'. */
function zhDay(date: LocalDate): string {
  return `${zhDate(date)}（星期${weekdays[isoWeekday(date) - 1]}）`;
}

/** '§3.5' → '第三部分第5条': the regulation's own numbering. */
function article(clause: string): string {
  const [part, item] = clause.replace('§', '').split('.');
  const parts = ['', '一', '二', '三', '四'];
  return `第${parts[Number(part)] ?? part}部分第${item}条`;
}

/** '§3.5' → '第三部分第5条（§3.5）'. */
function cite(clause: string): string {
  return `${article(clause)}（${clause}）`;
}

/** '§3.5' → '（《意见》第三部分第5条，§3.5）', after a sentence. */
function source(clause: string): string {
  return `（《意见》${article(clause)}，${clause}）`;
}

/** A quotation inside a quotation takes single quotation marks. */
function quoted(text: string): string {
  return `“${text.replace(/“/g, '‘').replace(/”/g, '’')}”`;
}

function escape(text: string | null | undefined): string {
  return (text ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

const css = `
@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }
* { box-sizing: border-box; }
html { background: #f3f3f3; }
body { margin: 2rem auto; max-width: 21cm; padding: 2.5cm 2.4cm; background: #fff; color: #000;
  font-family: "FangSong", "STFangsong", "FangSong_GB2312", "仿宋", "Songti SC", "SimSun", serif;
  font-size: 16pt; line-height: 1.75; }
.issuer { text-align: center; color: #c00; font-family: "SimSun", "Songti SC", serif; font-size: 26pt;
  letter-spacing: 0.1em; margin: 0; }
.rule { border: 0; border-top: 2px solid #c00; margin: 0.4em 0 1.2em; }
h1 { font-family: "SimHei", "Heiti SC", "黑体", sans-serif; font-size: 20pt; font-weight: normal;
  text-align: center; line-height: 1.5; margin: 0 0 1em; }
.ref { text-align: center; font-size: 12pt; margin: -0.8em 0 1.2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.to { text-indent: 0; }
ol { margin: 0; padding: 0; list-style: none; }
ol li { text-indent: 2em; text-align: justify; }
.due { font-weight: bold; }
.provisional { font-size: 12pt; }
.sign { margin-top: 2.5em; text-align: right; }
.sign p { text-indent: 0; text-align: right; }
.footer { margin-top: 3em; font-size: 10.5pt; color: #444; border-top: 1px solid #999; padding-top: 0.5em; }
.footer p { text-indent: 0; }
@media print {
  html { background: none; }
  body { margin: 0; padding: 0; max-width: none; }
  .footer { position: fixed; bottom: 0; left: 0; right: 0; }
}
`;

export const noticeRoutes = new Hono<ApiEnv>().get(
  '/cases/:id/notice',
  describeRoute({
    tags: ['cases'],
    summary:
      'The written notice (书面通知) as a printable page in Chinese, citing its clauses; 409 before the notice',
    responses: {
      200: { description: 'text/html; charset=utf-8', content: { 'text/html': {} } },
      409: { description: 'The case has not reached its notice' },
    },
  }),
  validator('param', idParam, invalidInput),
  async (c) => {
    const user = requireRole(c, caseReaders);
    const loaded = await caseInScope(c, user, c.req.valid('param').id);
    const { row, state, parameters } = loaded;
    if (state.notice === null) {
      throw conflict(
        'no-notice',
        '本案尚未作出书面通知。',
        'The case has not reached its written notice.',
      );
    }
    const notice = state.notice;
    const [people] = await c.var.db
      .select({
        cadre: cadres.name,
        title: cadres.title,
        role: assignments.role,
        unit: dispatchingUnits.name,
      })
      .from(assignments)
      .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
      .innerJoin(dispatchingUnits, eq(dispatchingUnits.id, assignments.dispatchingUnitId))
      .where(eq(assignments.id, row.assignmentId));
    const ancestors = await c.var.db
      .select({ id: orgUnits.id, name: orgUnits.name, level: orgUnits.level })
      .from(orgUnits)
      .where(inArray(orgUnits.id, pathIds(loaded.village.path)));
    const unitOf = (level: string) => ancestors.find((a) => a.level === level)?.name ?? '';
    const county = unitOf('county');
    const townshipName = unitOf('township');
    const issuer = `中共${county}委组织部`;
    const place = `${county}${townshipName}${loaded.village.name}`;
    const post = people?.role === 'firstSecretary' ? '村党组织第一书记' : '驻村工作队员';
    const s = isSituationId(row.clause) ? situation(row.clause) : null;
    const trackClause = { A: '§3.1', B: '§3.2', C: '§3.3' }[row.track];

    const on = (event: string) => state.history.find((h) => h.event === event)?.date;
    const dated = (what: string, date: LocalDate | undefined) =>
      date ? `${what}（${zhDate(date)}）` : what;
    const steps =
      row.track === 'A'
        ? [dated('县级组织部门提出教育整改的初步意见', on('opinion'))]
        : row.track === 'B'
          ? [
              dated(`${townshipName}党委向县级组织部门书面请示`, on('request')),
              dated('县级组织部门联合你单位复核审定', on('caseReview')),
              dated('按照干部管理权限备案', on('filing')),
            ]
          : [
              dated(
                '县级组织部门会同纪检部门、派出单位、乡（镇）联合调查核实',
                on('investigation'),
              ),
              dated('严格按规定作出处理决定', on('decision')),
              ...(on('transfer')
                ? [
                    dated(
                      `移交${state.history.find((h) => h.event === 'transfer')?.detail === 'judicial' ? '司法机关' : '纪检机关'}处理`,
                      on('transfer'),
                    ),
                  ]
                : []),
            ];
    const deadline = (step: Deadline['step']) => state.deadlines.find((d) => d.step === step);
    const dueText = (d: Deadline | undefined) =>
      d
        ? `最迟于<span class="due">${zhDay(d.due)}</span>${
            d.provisional
              ? '<span class="provisional">（该日所在年度的国务院节假日安排尚未公布，按法定节假日推算，公布后以公布的安排为准）</span>'
              : ''
          }`
        : '';
    const recall = deadline('recall');
    const appeal = deadline('appeal');
    const sanctions = caseSanctions(state);
    const percent = Math.round(parameters.bonusWithholdMin * 100);

    const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>关于对${escape(people?.cadre)}同志进行教育整改的书面通知</title>
<style>${css}</style>
</head>
<body>
<p class="issuer">${escape(issuer)}</p>
<hr class="rule">
<h1>关于对${escape(people?.cadre)}同志进行教育整改的<br>书面通知</h1>
${
  state.lapsed
    ? `<p class="ref">（本通知已于${zhDate(state.closedOn ?? notice)}经复核予以撤销${source('§3.8')}）</p>`
    : ''
}
<p class="ref">案件编号：${row.id}　依据：§${escape(row.clause)}、${trackClause}、§3.4、§3.5、§3.8、§4.4</p>
<p class="to">${escape(people?.unit)}：</p>
<p>你单位选派到${escape(place)}的${post}${escape(people?.cadre)}同志${people?.title ? `（${escape(people.title)}）` : ''}，经查存在${regulation}（以下简称《意见》）${cite(`§${row.clause}`)}所列情形${s ? `：${escape(quoted(s.zh))}` : ''}。</p>
<p>根据《意见》${cite(trackClause)}，经${steps.map(escape).join('、')}，并充分征求乡（镇、街道）党（工）委、村党组织、党员群众的意见，听取本人陈述${source('§3.4')}，决定对该同志进行教育整改。现书面通知如下：</p>
<ol>
<li>一、请你单位在接到本通知后${parameters.recallWorkdays}个工作日内，${dueText(recall)}，将该同志请回单位进行教育整改，由单位主要领导对其进行组织谈话，并做好谈话记录${source('§3.5')}。</li>
<li>二、该同志如对教育整改决定有异议，可在接到本通知之日起${parameters.appealWorkdays}个工作日内，${dueText(appeal)}，向同级组织部门提出复核申请；有关部门在${parameters.appealAnswerWorkdays}个工作日内予以复核并答复${source('§3.8')}。</li>
<li>三、通过组织谈话和教育整改，思想认识确有转变、并愿意继续参与驻村工作的，经你单位提出意见，报同级组织部门（省级选派的同时报省直四个工（党）委）同意之后，在${parameters.redeployReturnWorkdays}个工作日内重新派回驻村${source('§3.6')}；经教育整改思想认识仍没有明显转变的，由你单位在${parameters.replacementWorkdays}个工作日内从本单位干部中另行择优选派，并报同级组织部门审核${source('§3.7')}。</li>
${
  sanctions
    ? `<li>四、根据《意见》${cite('§4.4')}，该同志不得参加${sanctions.noAwardsYear}年度评先选优，${zhDate(sanctions.noPromotionUntil)}前不得提拔使用，扣发不低于${percent}%的${sanctions.noAwardsYear}年度目标绩效奖；对你单位在年度目标考核中进行相应扣分。</li>`
    : ''
}
<li>${sanctions ? '五' : '四'}、请你单位加强对该同志的跟踪管理和动态考察，相关情况记入工作台账${source('§4.5')}。</li>
</ol>
<div class="sign">
<p>${escape(issuer)}</p>
<p>${zhDate(notice)}</p>
</div>
<div class="footer">
<p>接到通知日期：${zhDate(notice)}。期限按国务院办公厅公布的节假日安排（含调休上班日）计算，接到通知当日不计入。</p>
</div>
</body>
</html>
`;
    return c.body(html, 200, {
      'Content-Type': 'text/html; charset=utf-8',
      // The page needs nothing from anywhere: no scripts, no fonts, no images.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
  },
);
