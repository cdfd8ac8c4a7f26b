CREATE TABLE "rate_buckets" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"locked_until" timestamp (3) with time zone,
	CONSTRAINT "rate_buckets_kind_key_pk" PRIMARY KEY("kind","key")
);
