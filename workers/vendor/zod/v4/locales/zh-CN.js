export { default } from "../../../../../node_modules/zod/v4/locales/zh-CN.js";
