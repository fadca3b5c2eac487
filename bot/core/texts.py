"""Every sentence a user sees, in English and Chinese, and `text()` that fills one in safely."""

from __future__ import annotations

import html
from string import Formatter

LANGS = ("en", "zh")
DEFAULT_LANG = "en"


class Html(str):
    """A fragment that is already valid Telegram HTML; `text()` inserts it without escaping again."""


# One key per sentence; the values are str.format templates. Markup (<b>, <i>, <code>) may appear in a
# template; every parameter is escaped by `text()` unless it is an `Html` fragment.
TEXTS: dict[str, dict[str, str]] = {
    # -- greeting and help
    "start": {
        "en": "Hello, {name}! I answer questions on customs protection of intellectual property rights "
        "in China.\nJust write your question; what I cannot answer goes on the officers' list, and you are "
        "told here when it is resolved.",
        "zh": "您好，{name}！我解答中国海关知识产权保护方面的问题。\n"
        "直接输入您的问题即可；我答不了的，会登记到关员的问题清单，办结后在这里通知您。",
    },
    "help_enterprise": {"en": "<b>What you can do</b>", "zh": "<b>您可以</b>"},
    "help_officer": {"en": "<b>Officer commands</b>", "zh": "<b>关员命令</b>"},
    "help_admin": {"en": "<b>Admin commands</b>", "zh": "<b>管理员命令</b>"},
    "help_questions": {
        "en": "Any message that is not a command is a question. Under each answer: related topics, "
        "👍/👎, “Ask an officer”, and “Add to #N” when you have an open item.",
        "zh": "不以 / 开头的消息都会当作提问。每条答复下方有：相关话题、👍/👎、“转交关员”，"
        "您有未办结事项时还有“补充到 #编号”。",
    },
    "help_upload": {
        "en": "Send a .md file to add or replace a knowledge-base file.",
        "zh": "发送 .md 文件即可新增或替换知识库文件。",
    },
    "help_line": {"en": "{command} — {description}", "zh": "{command} — {description}"},
    # -- command descriptions (help and Telegram's command menu)
    "cmd_start": {"en": "what this bot does", "zh": "本机器人能做什么"},
    "cmd_help": {"en": "what you can do here", "zh": "查看可用功能"},
    "cmd_problem": {"en": "log a problem: /problem TEXT", "zh": "登记问题：/problem 问题描述"},
    "cmd_mine": {"en": "your items and their status", "zh": "我登记的事项及进度"},
    "cmd_status": {"en": "one item with its history: /status N", "zh": "查看事项及处理记录：/status 编号"},
    "cmd_followup": {
        "en": "add to an open item: /followup N TEXT",
        "zh": "补充未办结事项：/followup 编号 内容",
    },
    "cmd_close": {"en": "close your item: /close N", "zh": "关闭自己的事项：/close 编号"},
    "cmd_reopen": {"en": "reopen your item: /reopen N", "zh": "重新打开自己的事项：/reopen 编号"},
    "cmd_cancel": {"en": "leave the current step", "zh": "退出当前操作"},
    "cmd_lang": {"en": "English / 中文", "zh": "English / 中文"},
    "cmd_queue": {"en": "open items: /queue [category]", "zh": "待办清单：/queue [类别]"},
    "cmd_take": {"en": "take an item: /take N", "zh": "认领事项：/take 编号"},
    "cmd_reply": {"en": "answer an item: /reply N TEXT", "zh": "答复事项：/reply 编号 内容"},
    "cmd_close_officer": {
        "en": "resolve an item: /close N RESOLUTION",
        "zh": "办结事项：/close 编号 办结意见",
    },
    "cmd_reopen_officer": {"en": "reopen an item: /reopen N", "zh": "重新打开事项：/reopen 编号"},
    "cmd_reassign": {
        "en": "hand an item to another officer: /reassign N USER_ID",
        "zh": "转交其他关员：/reassign 编号 用户ID",
    },
    "cmd_stats": {"en": "how far the list is from zero", "zh": "清单距清零还有多远"},
    "cmd_grant": {"en": "give a role: /grant USER_ID ROLE", "zh": "授予角色：/grant 用户ID 角色"},
    "cmd_revoke": {"en": "back to enterprise: /revoke USER_ID", "zh": "撤销角色：/revoke 用户ID"},
    "cmd_reindex": {"en": "rebuild the knowledge index", "zh": "重建知识库索引"},
    # -- usage lines
    "usage_problem": {"en": "Usage: /problem TEXT", "zh": "用法：/problem 问题描述"},
    "usage_status": {"en": "Usage: /status N", "zh": "用法：/status 编号"},
    "usage_followup": {"en": "Usage: /followup N TEXT", "zh": "用法：/followup 编号 内容"},
    "usage_close": {"en": "Usage: /close N", "zh": "用法：/close 编号"},
    "usage_close_officer": {"en": "Usage: /close N RESOLUTION", "zh": "用法：/close 编号 办结意见"},
    "usage_reopen": {"en": "Usage: /reopen N", "zh": "用法：/reopen 编号"},
    "usage_reassign": {"en": "Usage: /reassign N USER_ID", "zh": "用法：/reassign 编号 用户ID"},
    "usage_take": {"en": "Usage: /take N", "zh": "用法：/take 编号"},
    "usage_reply": {"en": "Usage: /reply N TEXT", "zh": "用法：/reply 编号 内容"},
    "usage_grant": {
        "en": "Usage: /grant USER_ID ROLE (enterprise, officer or admin)",
        "zh": "用法：/grant 用户ID 角色（enterprise、officer 或 admin）",
    },
    "usage_revoke": {"en": "Usage: /revoke USER_ID", "zh": "用法：/revoke 用户ID"},
    "usage_queue": {
        "en": "Usage: /queue [category] — categories: {names}",
        "zh": "用法：/queue [类别]，可选类别：{names}",
    },
    # -- refusals and mishaps
    "not_allowed": {"en": "That command is not available to you.", "zh": "您无权使用该命令。"},
    "unknown_command": {
        "en": "I don't know that command. Send /help to see what I can do.",
        "zh": "没有这个命令。发送 /help 查看可用功能。",
    },
    "no_text": {
        "en": "I can only read text. Please type your question.",
        "zh": "我只能识别文字消息，请直接输入您的问题。",
    },
    "document_refused": {
        "en": "I can't take files here. Please type your question instead.",
        "zh": "这里不接收文件，请直接用文字提问。",
    },
    "button_expired": {"en": "That button has expired.", "zh": "该按钮已失效。"},
    "not_found_own": {"en": "No item #{item} among yours.", "zh": "您名下没有 #{item} 号事项。"},
    "not_found": {"en": "No item #{item}.", "zh": "没有 #{item} 号事项。"},
    "not_found_user": {"en": "No such user.", "zh": "没有该用户。"},
    "forbidden": {"en": "That is not allowed.", "zh": "无权执行该操作。"},
    "conflict": {
        "en": "That can't be done on #{item} now: it was changed, taken or closed. See /status {item}.",
        "zh": "#{item} 现在无法执行该操作：它可能刚被更改、认领或关闭。请用 /status {item} 查看。",
    },
    "conflict_plain": {
        "en": "That changed in the meantime; please check and try again.",
        "zh": "情况刚刚有变动，请查看后再试。",
    },
    "invalid_plain": {"en": "That can't be done.", "zh": "无法执行该操作。"},
    "invalid_too_long": {
        "en": "That text is too long: at most {limit} characters.",
        "zh": "内容过长，最多 {limit} 个字。",
    },
    "invalid_status": {
        "en": "#{item} is {status}, so that can't be done now.",
        "zh": "#{item} 当前{status}，暂时不能执行该操作。",
    },
    "error": {
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
        "zh": "抱歉，系统出了点问题，请稍后再试。",
    },
    "not_a_person": {
        "en": "I can only help people writing from their own account: please write to me in a private chat.",
        "zh": "我只能为以本人账号发言的用户服务，请用您自己的账号私聊我。",
    },
    "busy": {
        "en": "I'm very busy right now and couldn't save or look that up. Please send it again in a moment.",
        "zh": "系统当前繁忙，未能处理您的消息，请稍后重新发送。",
    },
    "rate_questions": {
        "en": "You are asking faster than I can keep up. Please wait {wait} s, then ask again.",
        "zh": "您提问的频率过高，请等待 {wait} 秒后再提问。",
    },
    "rate_items": {
        "en": "You have logged several items in a short time. Please wait about {wait} min before logging "
        "another; you can add to an open item with /followup.",
        "zh": "您在短时间内登记的事项较多，请约 {wait} 分钟后再登记新事项；如需补充，可用 /followup 补充到未办结事项。",
    },
    "cancelled": {"en": "Cancelled.", "zh": "已取消。"},
    "nothing_to_cancel": {"en": "There is nothing to cancel.", "zh": "当前没有需要取消的操作。"},
    # -- questions and answers
    "legal_basis": {"en": "Legal basis: {basis}", "zh": "法律依据：{basis}"},
    "source": {"en": "Source: {source}", "zh": "来源：{source}"},
    "not_answered": {"en": "I'm not sure I have the answer to that.", "zh": "这个问题我没有把握答准确。"},
    "nearest_topics": {"en": "The nearest topics I know:", "zh": "相近的话题有："},
    "offer_officer": {
        "en": "An officer can answer it: press “Ask an officer”.",
        "zh": "可以请关员解答：点击“转交关员”。",
    },
    "btn_ask_officer": {"en": "Ask an officer", "zh": "转交关员"},
    "btn_helpful": {"en": "👍 Helpful", "zh": "👍 有帮助"},
    "btn_not_helpful": {"en": "👎 Not helpful", "zh": "👎 没帮助"},
    "btn_add_to": {"en": "Add to #{item}", "zh": "补充到 #{item}"},
    "feedback_thanks": {"en": "Thank you for the feedback.", "zh": "感谢您的反馈。"},
    "feedback_sorry": {
        "en": "Sorry it didn't help. An officer can answer it: press “Ask an officer”.",
        "zh": "抱歉没能帮上忙。可以点击“转交关员”，由关员解答。",
    },
    "escalated": {
        "en": "Logged as #{item}. An officer will answer here; /status {item} shows where it stands.",
        "zh": "已登记为 #{item}，关员会尽快处理，答复将发送到这里。发送 /status {item} 可查看进度。",
    },
    "already_escalated": {
        "en": "That question is already logged as #{item}.",
        "zh": "这个问题已登记为 #{item}。",
    },
    "entry_gone": {
        "en": "That entry is no longer in the knowledge base.",
        "zh": "该条目已不在知识库中。",
    },
    # -- problems
    "problem_logged": {
        "en": "Logged as #{item}. Which category fits it best?",
        "zh": "已登记为 #{item}。请选择最合适的类别：",
    },
    "problem_pick_category": {"en": "What is the problem about?", "zh": "您的问题属于哪一类？"},
    "problem_describe": {
        "en": "Describe the problem in one message. /cancel stops.",
        "zh": "请用一条消息描述您的问题。发送 /cancel 可取消。",
    },
    "problem_logged_final": {
        "en": "Logged as #{item} under “{category}”. An officer will answer here.",
        "zh": "已登记为 #{item}（{category}），关员会尽快处理，答复将发送到这里。",
    },
    "category_set": {"en": "#{item} is filed under “{category}”.", "zh": "#{item} 已归入“{category}”。"},
    "cat_recordation": {"en": "Customs recordation", "zh": "海关备案"},
    "cat_other_ports": {"en": "Other ports", "zh": "异地口岸"},
    "cat_infringement_clue": {"en": "Infringement clue", "zh": "侵权线索"},
    "cat_risk_analysis": {"en": "Risk analysis", "zh": "风险分析"},
    "cat_detention_guarantee": {"en": "Detention and guarantee", "zh": "扣留与担保"},
    "cat_other": {"en": "Other", "zh": "其他"},
    "kind_problem": {"en": "problem", "zh": "问题"},
    "kind_escalation": {"en": "question for an officer", "zh": "转交咨询"},
    "status_open": {"en": "open", "zh": "待处理"},
    "status_in_progress": {"en": "in progress", "zh": "处理中"},
    "status_resolved": {"en": "resolved", "zh": "已办结"},
    "status_closed": {"en": "closed", "zh": "已关闭"},
    # -- the enterprise's items
    "mine_header": {"en": "<b>Your items</b>", "zh": "<b>您登记的事项</b>"},
    "mine_empty": {
        "en": "You have no items. Ask a question, or log a problem with /problem.",
        "zh": "您还没有登记事项。可以直接提问，或用 /problem 登记问题。",
    },
    "item_line": {"en": "#{item} · {status} · {title}", "zh": "#{item} · {status} · {title}"},
    "item_header": {
        "en": "<b>#{item} {title}</b>\n{kind} · {category} · {status}",
        "zh": "<b>#{item} {title}</b>\n{kind} · {category} · {status}",
    },
    "history_header": {"en": "<b>History</b>", "zh": "<b>处理记录</b>"},
    "history_line": {"en": "{when} · {who}: {what}", "zh": "{when} · {who}：{what}"},
    "ev_created": {"en": "logged it", "zh": "登记"},
    "ev_assigned": {"en": "took it", "zh": "受理"},
    "ev_assigned_text": {"en": "handed it to {text}", "zh": "转交给 {text}"},
    "ev_officer_reply": {"en": "replied: {text}", "zh": "答复：{text}"},
    "ev_follow_up": {"en": "added: {text}", "zh": "补充：{text}"},
    "ev_status_change": {"en": "set it to {status}", "zh": "状态改为{status}"},
    "ev_status_change_text": {"en": "set it to {status}: {text}", "zh": "状态改为{status}：{text}"},
    "ev_category_change": {"en": "filed it under {category}", "zh": "归入“{category}”"},
    "closed_own": {"en": "#{item} is closed.", "zh": "#{item} 已关闭。"},
    "reopened_own": {
        "en": "#{item} is open again; an officer will look at it.",
        "zh": "#{item} 已重新打开，关员会再次处理。",
    },
    "followup_added": {"en": "Added to #{item}.", "zh": "已补充到 #{item}。"},
    "followup_which": {
        "en": "You have several open items; say which: /followup N TEXT (see /mine).",
        "zh": "您有多个未办结事项，请注明编号：/followup 编号 内容（可用 /mine 查看）。",
    },
    "followup_none": {
        "en": "You have no open item to add to. Log one with /problem.",
        "zh": "您没有未办结的事项可以补充。可用 /problem 登记新问题。",
    },
    "followup_prompt": {
        "en": "Send what to add to #{item}. /cancel stops.",
        "zh": "请发送要补充到 #{item} 的内容。发送 /cancel 可取消。",
    },
    "btn_add_message": {"en": "Add a message", "zh": "补充说明"},
    "btn_reopen": {"en": "Reopen #{item}", "zh": "重新打开 #{item}"},
    "btn_take": {"en": "Take #{item}", "zh": "认领 #{item}"},
    # -- officers
    "queue_header": {"en": "<b>Queue</b> ({count})", "zh": "<b>待办清单</b>（{count} 项）"},
    "queue_header_category": {
        "en": "<b>Queue · {category}</b> ({count})",
        "zh": "<b>待办清单 · {category}</b>（{count} 项）",
    },
    "queue_empty": {"en": "Nothing waiting: the list is at zero.", "zh": "没有待办事项，清单已清零。"},
    "queue_line": {
        "en": "#{item} · {status} · {category} · {enterprise}: {title}",
        "zh": "#{item} · {status} · {category} · {enterprise}：{title}",
    },
    "taken": {
        "en": "You took #{item}. Answer with /reply {item} TEXT.",
        "zh": "您已认领 #{item}，请用 /reply {item} 内容 进行答复。",
    },
    "replied": {"en": "Reply on #{item} sent to the enterprise.", "zh": "对 #{item} 的答复已发送给企业。"},
    "closed_officer": {
        "en": "#{item} is resolved; the enterprise is told.",
        "zh": "#{item} 已办结，已通知企业。",
    },
    "invalid_officer": {
        "en": "User {user} is not an officer; an admin can make them one with /grant.",
        "zh": "用户 {user} 不是关员；管理员可用 /grant 授予角色。",
    },
    "reassigned": {"en": "#{item} is now with user {user}.", "zh": "#{item} 已转交用户 {user}。"},
    "reopened_officer": {"en": "#{item} is open again.", "zh": "#{item} 已重新打开。"},
    "stats": {
        "en": "{open} open · {in_progress} in progress · {resolved} resolved — {to_go} to go to zero "
        "({cleared}% cleared); {median}; {overdue} overdue",
        "zh": "待处理 {open} · 处理中 {in_progress} · 已办结 {resolved} —— 距清零还差 {to_go} 项"
        "（已清 {cleared}%）；{median}；超期 {overdue} 项",
    },
    "stats_median": {"en": "median {hours} h to close", "zh": "办结用时中位数 {hours} 小时"},
    "stats_no_median": {"en": "nothing closed yet", "zh": "尚无办结事项"},
    "stats_by_category": {"en": "Open by category: {counts}", "zh": "各类待办：{counts}"},
    "stats_unhelpful": {
        "en": "Answers marked not helpful (to improve in knowledge/): {entries}",
        "zh": "被标记为“没帮助”的答复（请在 knowledge/ 中改进）：{entries}",
    },
    "kb_suggestions": {"en": "<b>Knowledge base suggestions</b>", "zh": "<b>知识库参考条目</b>"},
    "kb_line": {"en": "• {title} (<code>{entry}</code>)", "zh": "• {title}（<code>{entry}</code>）"},
    # -- admins
    "role_enterprise": {"en": "an enterprise user", "zh": "企业用户"},
    "role_officer": {"en": "an officer", "zh": "关员"},
    "role_admin": {"en": "an administrator", "zh": "管理员"},
    "granted": {"en": "User {user} is now {role}.", "zh": "用户 {user} 现为{role}。"},
    "revoked": {"en": "User {user} is an enterprise user again.", "zh": "用户 {user} 已恢复为企业用户。"},
    "upload_only_md": {"en": "Only .md files can be uploaded.", "zh": "只能上传 .md 文件。"},
    "upload_too_large": {"en": "That file is too large to take.", "zh": "文件过大，无法接收。"},
    "upload_ok": {
        "en": "{file}: {sections} sections indexed.",
        "zh": "{file}：已索引 {sections} 个条目。",
    },
    "upload_rejected": {
        "en": "{file} was rejected; nothing changed:\n{errors}",
        "zh": "{file} 未通过校验，知识库未作改动：\n{errors}",
    },
    "upload_build_failed": {
        "en": "{file} was not indexed: the index could not be rebuilt ({reason}). Nothing changed; the "
        "current index keeps answering.",
        "zh": "{file} 未能索引：索引重建失败（{reason}）。知识库未作改动，现有索引继续提供答复。",
    },
    "reindex_failed": {
        "en": "The index could not be rebuilt ({reason}). The current index keeps answering.",
        "zh": "索引重建失败（{reason}），现有索引继续提供答复。",
    },
    "reindexed": {
        "en": "Index rebuilt: {sections} sections ({embedded} embedded, {reused} reused) in {took} s.",
        "zh": "索引已重建：共 {sections} 个条目（新计算 {embedded} 个，复用 {reused} 个），用时 {took} 秒。",
    },
    "reindex_errors": {"en": "Files skipped:\n{errors}", "zh": "以下文件未被索引：\n{errors}"},
    # -- language
    "lang_pick": {"en": "Choose your language:", "zh": "请选择语言："},
    "lang_set": {"en": "I'll answer in English.", "zh": "好的，之后我会用中文回复。"},
    "btn_lang_en": {"en": "English", "zh": "English"},
    "btn_lang_zh": {"en": "中文", "zh": "中文"},
    # -- the terminal chat
    "console_banner": {
        "en": "iprdesk terminal chat, as {role} (user {user}). Type a question or /help; a number presses "
        "the button shown with it; /quit or Ctrl-D leaves.",
        "zh": "iprdesk 终端对话，身份：{role}（用户 {user}）。输入问题或 /help；"
        "输入按钮前的数字即按下该按钮；/quit 或 Ctrl-D 退出。",
    },
    # -- notifications
    "n_item_created": {
        "en": "<b>New #{item}</b> · {kind} · {category}\nFrom: {enterprise}\n\n{text}",
        "zh": "<b>新事项 #{item}</b> · {kind} · {category}\n企业：{enterprise}\n\n{text}",
    },
    "n_item_taken": {
        "en": "#{item} was taken by officer {officer}.",
        "zh": "#{item} 已由关员 {officer} 受理。",
    },
    "n_officer_reply": {
        "en": "Reply on #{item} from officer {officer}:\n{text}",
        "zh": "关员 {officer} 对 #{item} 的答复：\n{text}",
    },
    "n_item_closed": {
        "en": "#{item} is resolved: {resolution}\nIf that does not settle it, you can reopen it.",
        "zh": "#{item} 已办结：{resolution}\n如问题仍未解决，可以重新打开。",
    },
    "n_item_reopened": {"en": "#{item} was reopened.", "zh": "#{item} 已重新打开。"},
    "n_role_granted": {
        "en": "You are now {role}. Send /help to see your commands.",
        "zh": "您现在是{role}。发送 /help 查看可用命令。",
    },
    "n_follow_up": {"en": "{owner} added to #{item}:\n{text}", "zh": "{owner} 对 #{item} 补充：\n{text}"},
    "n_daily_digest": {
        "en": "<b>Daily list</b>: {open} open · {in_progress} in progress — {to_go} to go to zero; "
        "{overdue} overdue (open over {days} days).",
        "zh": "<b>每日清单</b>：待处理 {open} 件 · 处理中 {in_progress} 件——距清零还有 {to_go} 件；"
        "超期 {overdue} 件（超过 {days} 天未办结）。",
    },
    "n_daily_digest_oldest": {"en": "Oldest overdue: {items} (/take N)", "zh": "最早的超期事项：{items}（/take 编号）"},
    "n_item_reassigned": {"en": "#{item} has been handed to you.", "zh": "#{item} 已转交给您处理。"},
    "n_other": {"en": "#{item} was updated.", "zh": "#{item} 有新进展。"},
}


def normalize_lang(lang: str | None) -> str:
    """A supported language for any code: zh*, zh-Hans, zh_CN -> zh; everything else -> en."""
    return "zh" if lang and lang.lower().startswith("zh") else DEFAULT_LANG


def text(key: str, lang: str | None, **params: object) -> Html:
    """The sentence `key` in `lang`, with every parameter that is not `Html` escaped."""
    template = TEXTS[key][normalize_lang(lang)]
    safe = {name: _escaped(value) for name, value in params.items()}
    return Html(template.format(**safe))


def placeholders(template: str) -> set[str]:
    """The `{names}` a template expects (the texts test compares them across languages)."""
    return {field for _, field, _, _ in Formatter().parse(template) if field}


def _escaped(value: object) -> str:
    if isinstance(value, Html):
        return value
    return html.escape(str(value))


def shorten(value: str, limit: int) -> str:
    """`value` on one line, cut at a word boundary near `limit` characters with an ellipsis."""
    flat = " ".join(value.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    # Chinese has no spaces: cut anywhere; English: cut at the last space unless that loses too much.
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:，。；：") + "…"
