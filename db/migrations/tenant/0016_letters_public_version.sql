-- The public village page shows 目标责任书 and their measures (0013): their changes bump the
-- public cache version (0011) in the writer's own statement, like every other table a public page reads.
CREATE TRIGGER public_version_responsibility_letters_i AFTER INSERT ON responsibility_letters BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_responsibility_letters_u AFTER UPDATE ON responsibility_letters BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_responsibility_letters_d AFTER DELETE ON responsibility_letters BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_letter_measures_i AFTER INSERT ON letter_measures BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_letter_measures_u AFTER UPDATE ON letter_measures BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_letter_measures_d AFTER DELETE ON letter_measures BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
