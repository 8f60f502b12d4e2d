import { z } from "zod";
// Only the Chinese locale: `z.locales` would pull every language zod ships into the bundle.
import zhCN from "zod/v4/locales/zh-CN.js";

// Field messages reach officials and villagers: speak Chinese. Imported once by the app factory.
z.config(zhCN());
