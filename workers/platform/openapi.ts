import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env.ts";

/** Generated from the same route definitions that validate requests: never written by hand. */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "帮扶通 Bangfu API",
      version: "1.0.0",
      description:
        "党建帮扶结对、补贴发放公示与公开平台的 JSON 接口。每个地区（租户）的接口在 /t/{tenant}/api/v1 之下；" +
        "错误一律以 application/problem+json（RFC 9457）返回，带稳定的 code 和逐字段的错误信息。金额一律为整数“分”。",
    },
    servers: [{ url: "/", description: "本服务" }],
  });
  // Every tenant route shares the {tenant} path parameter that the mount point introduces.
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.includes("{tenant}") || !item) continue;
    item.parameters = [
      {
        name: "tenant",
        in: "path",
        required: true,
        description: "地区（租户）标识，如 longquanyi",
        schema: { type: "string", pattern: "^[a-z][a-z0-9-]{1,39}$" },
      },
      ...(item.parameters ?? []),
    ];
  }
  doc.components = {
    ...doc.components,
    securitySchemes: {
      session: {
        type: "apiKey",
        in: "cookie",
        name: "bangfu_session",
        description: "登录后设置的会话 Cookie（仅限该地区路径）",
      },
      bearer: { type: "http", scheme: "bearer", description: "登录接口返回的 token" },
    },
  };
  describeSharedAnswers(doc.paths ?? {});
  doc.tags = usedTags(doc.paths ?? {});
  tightenNumberRanges(doc);
  return doc;
}

type Operation = {
  tags?: string[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

function operationsOf(paths: object): Array<[string, Operation]> {
  return Object.entries(paths).flatMap(([path, item]) =>
    METHODS.flatMap((m) => {
      const op = (item as Record<string, Operation | undefined>)[m];
      return op ? [[path, op] as [string, Operation]] : [];
    }),
  );
}

const problemAnswer = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/**
 * Answers that come from the shared middleware rather than from a route, added to every operation
 * they apply to, so a generated client knows them: the tenant without a database (503, fail closed),
 * the body limit (413), and CSV uploads sent as something else (415).
 */
function describeSharedAnswers(paths: object): void {
  for (const [path, op] of operationsOf(paths)) {
    op.responses ??= {};
    const responses = op.responses;
    if (path.includes("{tenant}")) responses["503"] ??= problemAnswer("该地区的数据库暂不可用");
    if (!op.requestBody) continue;
    responses["413"] ??= problemAnswer("提交的内容超过大小上限");
    const content = (op.requestBody as { content?: Record<string, unknown> }).content ?? {};
    if ("text/csv" in content) responses["415"] ??= problemAnswer("请以 text/csv 上传 CSV 文件");
  }
}

/** One line per tag for the docs page; a new tag without one fails `npm run check:api` (tag-description). */
const TAG_DESCRIPTIONS: Record<string, string> = {
  登录: "登录、退出和当前用户；登录返回的 token 用作 Authorization: Bearer",
  用户: "本地区的账号、角色和所属乡镇",
  审计: "审计日志（哈希链）及其校验",
  "地区：区县、乡镇、村": "行政区划：区县、乡镇（街道）、村（社区）、村民小组和村集体经济收入",
  "农户（贫困户）": "农户档案、家庭成员和户状态变更记录；身份证号、手机号加密存储，默认只返回掩码",
  导入: "CSV 批量导入：下载模板、上传预览、确认写入（全部写入或全部不写入）",
  帮扶单位: "帮扶（派出）单位",
  帮扶干部: "帮扶干部名册",
  驻村: "驻村任务（第一书记、工作队）及每月驻村天数",
  签到与请假:
    "驻村干部签到（定位与精度，远离村址只标记不拒绝）、请假与销假（乡镇审批）、月度在岗情况；签到天数作为驻村天数填报，待乡镇确认",
  村两委: "村两委花名册（任期、换届、一肩挑、来源、表彰）、统计报表，以及村干部报酬的岗位标准；身份证号加密存储",
  结对帮扶: "单位、干部与村、户的结对关系",
  走访与帮扶日志: "干部走访记录",
  述职评议: "述职评议、双向述职、双述双评：会议、纸质票、一次性二维码评议票、汇总公布",
  年度考核: "考核清单、由记录计算的依据、人工评分、一票否决、三级签署、结果运用、一人一档",
  覆盖情况: "结对、驻村、走访、村党组织书记后备的缺口统计",
  后备干部库: "后备干部库和优秀村民库、入党积极分子库、重点培养对象库：提名、公示（可提异议）、培养、使用、退出",
  党员与关爱帮扶: "农户及家庭成员中的党员、贫困党员（党内关爱帮扶资金的发放对象）、农村党员致富先锋",
  设置: "本地区的业务参数",
  "查找（选择器）": "选择器的查找：按名称、代码或编号查找村、农户、干部和单位，最多 20 条，只在本人可见范围内",
  资金项目与预算: "资金项目及年度预算",
  发放批次: "补贴、补助发放批次：明细、公示、审批、支付、冲正和银行回盘对账",
  资金报表: "按项目、村、户、干部汇总的发放情况（扣除冲正），可导出 CSV",
  公示与异议: "公示和群众异议；/public/ 下的接口无需登录",
  "户认定（建档立卡、脱贫退出、防返贫监测）": "户状态认定：经公示、无成立的异议后生效",
  公开账本: "向社会公开的哈希链账本，任何人可下载并校验（无需登录）",
  "公开：村级项目": "村级项目：登记和修改记入公开账本并显示在村公开页",
  "督查考核：目标责任书": "派出单位与村的三年目标责任书、“六有”目标、帮扶措施及进度（进度在村公开页公开）和扫描件",
  "督查考核：督查与整改": "电话抽查、随机检查、实地督查、交叉督查；问题核实、限期整改、他人审核销号",
  "督查考核：通报约谈问责": "一次通报、二次约谈、三次问责：逐级记录，不能越级；按乡镇和帮扶单位统计",
  "督查考核：后进村整顿":
    "按县选定的指标排名，县级确定约 10% 的后进村整顿；整顿措施、选派干部，措施全部完成并经他人确认后销号",
  "督查考核：表彰": "表彰登记；奖励只经“表彰奖励”类资金项目的批次公示、审批后发放",
  "督查考核：报表": "按乡镇或帮扶单位汇总考核等次、通报约谈问责、督查问题整改和群众满意度，附图表与 CSV 导出",
  "公开：四议两公开": "村级重大事项“四议两公开”各环节的记录",
  "公开：意见建议": "群众意见建议和举报的处理与答复",
  "公开：村民（无需登录）": "村民无需登录即可提交的内容",
  培训与应知应会:
    "培训计划（对象、期限）、各期培训和参训登记、培训覆盖；应知应会题库、测试和答卷（交卷前不含答案，低于及格分须回炉）",
};

/** The tags in the order the routes are mounted (workers/app.tsx), so the docs read like the app. */
function usedTags(paths: object): Array<{ name: string; description?: string }> {
  const names = new Set(operationsOf(paths).flatMap(([, op]) => op.tags ?? []));
  return [...names].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] }));
}

/**
 * zod writes `.min(0).positive()` as both `minimum: 0` and `exclusiveMinimum: 0`; JSON Schema
 * allows it but linters and code generators read it as a contradiction. Keep only the bound
 * that actually constrains (the same values are accepted either way).
 */
function tightenNumberRanges(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) tightenNumberRanges(item);
    return;
  }
  if (!node || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (typeof o.minimum === "number" && typeof o.exclusiveMinimum === "number") {
    if (o.exclusiveMinimum >= o.minimum) delete o.minimum;
    else delete o.exclusiveMinimum;
  }
  if (typeof o.maximum === "number" && typeof o.exclusiveMaximum === "number") {
    if (o.exclusiveMaximum <= o.maximum) delete o.maximum;
    else delete o.exclusiveMaximum;
  }
  for (const value of Object.values(o)) tightenNumberRanges(value);
}
