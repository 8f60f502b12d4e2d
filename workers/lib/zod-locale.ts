import { z } from "zod";

// Field messages reach officials and villagers: speak Chinese. Imported once by the app factory.
z.config(z.locales.zhCN());
