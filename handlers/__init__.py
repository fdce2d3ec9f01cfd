"""aiogram routers: Telegram in and out only; the work is done by services."""
