# ruff: noqa: E501  (a sentence reads better whole than cut to fit; Chinese characters count double)
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
        "👍/👎, “Ask an officer”, and “Add to an open item…” when you have one.",
        "zh": "不以 / 开头的消息都会当作提问。每条答复下方有：相关话题、👍/👎、“转交关员”，"
        "您有未办结事项时还有“补充到未办结事项…”。",
    },
    "help_upload": {
        "en": "Send a .md file in this private chat to add or replace a knowledge-base file: you see what it "
        "would change, then Publish or Cancel.",
        "zh": "在与我的私聊中发送 .md 文件即可新增或替换知识库文件：先看到将修改的内容，再选择发布或取消。",
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
    "cmd_close": {"en": "close your item: /close N [REASON]", "zh": "关闭自己的事项：/close 编号 [原因]"},
    "cmd_reopen": {"en": "reopen your item: /reopen N [REASON]", "zh": "重新打开自己的事项：/reopen 编号 [原因]"},
    "cmd_calc": {
        "en": "guarantee, deadline or recordation term, computed",
        "zh": "计算担保金额、期限或备案有效期",
    },
    "cmd_cancel": {"en": "leave the current step", "zh": "退出当前操作"},
    "cmd_lang": {"en": "English / 中文", "zh": "English / 中文"},
    "cmd_queue": {"en": "open items: /queue [category]", "zh": "待办清单：/queue [类别]"},
    "cmd_take": {"en": "take an item: /take N", "zh": "认领事项：/take 编号"},
    "cmd_reply": {"en": "answer an item: /reply N [TEXT]", "zh": "答复事项：/reply 编号 [内容]"},
    "cmd_close_officer": {
        "en": "resolve an item: /close N [RESOLUTION]",
        "zh": "办结事项：/close 编号 [办结意见]",
    },
    "cmd_reopen_officer": {"en": "reopen an item: /reopen N [REASON]", "zh": "重新打开事项：/reopen 编号 [原因]"},
    "cmd_reassign": {
        "en": "hand an item to another officer: /reassign N USER_ID",
        "zh": "转交其他关员：/reassign 编号 用户ID",
    },
    "cmd_stats": {"en": "how far the list is from zero", "zh": "清单距清零还有多远"},
    "cmd_grant": {"en": "give a role: /grant USER_ID ROLE", "zh": "授予角色：/grant 用户ID 角色"},
    "cmd_revoke": {"en": "back to enterprise: /revoke USER_ID", "zh": "撤销角色：/revoke 用户ID"},
    "cmd_reindex": {"en": "rebuild the knowledge index", "zh": "重建知识库索引"},
    "cmd_mine_officer": {"en": "the items you hold", "zh": "我负责的事项"},
    # -- usage lines
    "usage_problem": {"en": "Usage: /problem TEXT", "zh": "用法：/problem 问题描述"},
    "usage_status": {"en": "Usage: /status N", "zh": "用法：/status 编号"},
    "usage_followup": {"en": "Usage: /followup N TEXT", "zh": "用法：/followup 编号 内容"},
    "usage_close": {"en": "Usage: /close N [REASON]", "zh": "用法：/close 编号 [原因]"},
    "usage_close_officer": {"en": "Usage: /close N [RESOLUTION]", "zh": "用法：/close 编号 [办结意见]"},
    "usage_reopen": {"en": "Usage: /reopen N [REASON]", "zh": "用法：/reopen 编号 [原因]"},
    "usage_reassign": {"en": "Usage: /reassign N USER_ID", "zh": "用法：/reassign 编号 用户ID"},
    "usage_take": {"en": "Usage: /take N", "zh": "用法：/take 编号"},
    "usage_reply": {"en": "Usage: /reply N [TEXT]", "zh": "用法：/reply 编号 [内容]"},
    "usage_grant": {
        "en": "Usage: /grant USER_ID ROLE (enterprise, officer or admin)",
        "zh": "用法：/grant 用户ID 角色（enterprise、officer 或 admin；企业、关员、管理员）",
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
        "en": "That text is too long: at most {limit} characters. Please send it in shorter parts.",
        "zh": "内容过长，最多 {limit} 个字。请分成较短的几段发送。",
    },
    "invalid_status": {
        "en": "#{item} is {status}, so that can't be done now.",
        "zh": "#{item} 当前{status}，暂时不能执行该操作。",
    },
    "error": {
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
        "zh": "抱歉，系统出了点问题，请稍后再试。",
    },
    # -- one person on two channels (/link), and WeCom's own words
    "cmd_link": {
        "en": "one user on Telegram and WeCom: /link, then /link CODE in the other",
        "zh": "关联 Telegram 与企业微信账号：/link，再在另一端发送 /link 关联码",
    },
    "link_code": {
        "en": "Your link code: <code>{code}</code>\nWithin {minutes} minutes, send <code>/link {code}</code> from "
        "your other account (Telegram or WeCom): both become one user of the desk, with the same items.",
        "zh": "您的关联码：<code>{code}</code>\n请在 {minutes} 分钟内用另一个账号（Telegram 或企业微信）发送 "
        "<code>/link {code}</code>，两个账号即合为同一用户，事项互通。",
    },
    "link_done": {
        "en": "Linked: your Telegram and WeCom accounts are one user now. You see the same items from either, "
        "and notices come to the one you wrote from last.",
        "zh": "关联成功：您的 Telegram 与企业微信账号已是同一用户，两端看到的事项相同，通知发到您最近使用的一端。",
    },
    "link_bad_code": {
        "en": "That link code is unknown or has expired. Send /link from your other account for a new one.",
        "zh": "关联码无效或已过期。请在另一个账号中发送 /link 获取新的关联码。",
    },
    "link_same_channel": {
        "en": "That code was made in this same app: send it from your other account (Telegram or WeCom).",
        "zh": "该关联码就是在本端生成的，请在另一个账号（Telegram 或企业微信）中发送。",
    },
    "link_already": {
        "en": "These accounts are one user already (or both are of the same app, which cannot be linked).",
        "zh": "这两个账号已是同一用户（或同属一端，无法关联）。",
    },
    "link_roles_differ": {
        "en": "Not linked: the accounts have different roles ({first} and {second}). Ask an admin to give "
        "them the same role first; nothing was changed.",
        "zh": "未关联：两个账号的角色不同（{first}与{second}）。请先请管理员设为相同角色；未做任何更改。",
    },
    "link_would_lose": {
        "en": "Not linked: each account belongs to a different enterprise, and linking would lose one of them. "
        "Ask an officer to help; nothing was changed.",
        "zh": "未关联：两个账号分属不同企业，关联会丢失其一。请联系关员处理；未做任何更改。",
    },
    "wecom_numbered": {"en": "Reply with a number to choose:", "zh": "回复数字选择："},
    "wecom_card_title": {"en": "Choose", "zh": "请选择"},
    "wecom_unsupported": {
        "en": "Here I can read text messages only: please type your question.",
        "zh": "这里我只能读取文字消息，请直接输入您的问题。",
    },
    "not_a_person": {
        "en": "I can only help people writing from their own account: please write to me in a private chat.",
        "zh": "我只能为以本人账号发言的用户服务，请用您自己的账号私聊我。",
    },
    "n_items_returned": {
        "en": "{officer} is no longer an officer; back in the queue: {items}",
        "zh": "{officer} 已不再担任关员，以下事项已退回待办清单：{items}",
    },
    "rate_followups": {
        "en": "You have added to your items many times in a short while. Please wait about {wait} min, then "
        "send the rest in one message.",
        "zh": "您在短时间内补充的次数较多，请约 {wait} 分钟后再补充，并尽量一次说完。",
    },
    "rate_status": {
        "en": "You have closed and reopened items many times in a short while. Please wait about {wait} min "
        "before doing so again.",
        "zh": "您在短时间内多次关闭和重新打开事项，请约 {wait} 分钟后再操作。",
    },
    "reply_shortened": {
        "en": "(The rest was too long for this chat and is left out.)",
        "zh": "（其余内容过长，此处从略。）",
    },
    "history_shortened": {
        "en": "Lines ending in … are shortened: /status {item} full shows them whole.",
        "zh": "以 … 结尾的记录已缩略，发送 /status {item} full 可查看全文。",
    },
    "history_whole": {"en": "<b>#{item}</b>: the newest history, texts whole", "zh": "<b>#{item}</b>：最近的处理记录（全文）"},
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
    "already_on_item": {"en": "That question is already on #{item}.", "zh": "这个问题已在 #{item} 中。"},
    "entry_gone": {
        "en": "That entry is no longer in the knowledge base.",
        "zh": "该条目已不在知识库中。",
    },
    # -- problems
    "problem_logged": {
        "en": "Logged as #{item}.",
        "zh": "已登记为 #{item}。",
    },
    "problem_pick_category": {"en": "What is the problem about?", "zh": "您的问题属于哪一类？"},
    "problem_describe": {
        "en": "Describe the problem in one message. /cancel stops.",
        "zh": "请用一条消息描述您的问题。发送 /cancel 可取消。",
    },
    "problem_logged_final": {
        "en": "Logged as #{item} under “{category}”.",
        "zh": "已登记为 #{item}（{category}）。",
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
        "en": "#{item} · {status} · {age} · {category} · {enterprise}: {title}",
        "zh": "#{item} · {status} · {age} · {category} · {enterprise}：{title}",
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
        "en": "{open} open · {in_progress} in progress · {resolved} resolved by officers · {closed} closed by "
        "their owners — {to_go} to go to zero; {cleared}% cleared (resolved or closed, of {total} ever logged); "
        "{median}; {overdue} overdue",
        "zh": "待处理 {open} · 处理中 {in_progress} · 关员办结 {resolved} · 企业自行关闭 {closed} —— 距清零还差 "
        "{to_go} 项；已清 {cleared}%（已办结或已关闭的事项占全部 {total} 项的比例）；{median}；超期 {overdue} 项",
    },
    "stats_median": {"en": "median {hours} h to close", "zh": "办结用时中位数 {hours} 小时"},
    "stats_no_median": {"en": "nothing closed yet", "zh": "尚无办结事项"},
    "stats_by_category": {"en": "Open by category: {counts}", "zh": "各类待处理：{counts}"},
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
    # -- why a knowledge file was refused: the codes of bot/retrieval/rejections.py (its English is the same
    # sentence, for the logs and the index manifest), said by bot/core/rejections.py after "file:line: "
    "kbr_empty": {"en": "the file is empty", "zh": "文件为空"},
    "kbr_too_large": {"en": "the file is larger than {kib} KiB", "zh": "文件超过 {kib} KiB"},
    "kbr_binary": {"en": "the file is binary, not markdown text", "zh": "这是二进制文件，不是 Markdown 文本"},
    "kbr_not_utf8": {"en": "the file is not UTF-8 text", "zh": "文件不是 UTF-8 编码的文本"},
    "kbr_duplicate_file_id": {"en": "duplicate id '{file_id}' (already used by {other})",
                              "zh": "id“{file_id}”重复（已被 {other} 使用）"},
    "kbr_no_sections": {"en": "no '## ' section: nothing to answer from", "zh": "没有“## ”条目，没有可用于回答的内容"},
    "kbr_no_front_matter": {"en": "no front matter: the file must start with a '---' line",
                            "zh": "缺少前置元数据：文件必须以“---”行开头"},
    "kbr_front_matter_open": {"en": "the front matter is not closed by a '---' line",
                              "zh": "前置元数据没有以“---”行结束"},
    "kbr_bad_yaml": {"en": "the front matter is not valid YAML ({problem})", "zh": "前置元数据不是有效的 YAML（{problem}）"},
    "kbr_not_mapping": {"en": "the front matter must be a mapping of keys to values", "zh": "前置元数据必须是键值对"},
    "kbr_yaml_alias": {"en": "YAML anchors and aliases (& and *) are not allowed",
                       "zh": "不允许使用 YAML 锚点和别名（& 和 *）"},
    "kbr_too_many_topics": {"en": "front matter 'topics' has more than {limit} items",
                            "zh": "前置元数据“topics”超过 {limit} 项"},
    "kbr_field_too_long": {"en": "front matter '{field}' is longer than {limit} characters",
                           "zh": "前置元数据“{field}”超过 {limit} 个字符"},
    "kbr_bad_id": {"en": "front matter 'id' is missing or not lowercase letters, digits and '-'",
                   "zh": "前置元数据“id”缺失，或不是由小写字母、数字和“-”组成"},
    "kbr_no_title": {"en": "front matter 'title' is missing", "zh": "前置元数据缺少“title”"},
    "kbr_bad_lang": {"en": "front matter 'lang' is {value}; it must be 'en' or 'zh'",
                     "zh": "前置元数据“lang”为 {value}，必须是“en”或“zh”"},
    "kbr_duplicate_entry": {"en": "duplicate entry id '{entry}'", "zh": "条目 id“{entry}”重复"},
    "kbr_bad_anchor": {"en": "anchor '{{#{anchor}}}' must be lowercase letters, digits and '-'",
                       "zh": "锚点“{{#{anchor}}}”必须由小写字母、数字和“-”组成"},
    "kbr_empty_section": {"en": "a '## ' section needs a heading and some text under it",
                          "zh": "“## ”条目需要有标题，标题下需要有正文"},
    "kbr_heading_too_long": {"en": "this entry's heading is longer than {limit} characters",
                             "zh": "该条目的标题超过 {limit} 个字符"},
    "kbr_basis_too_long": {"en": "this entry's 'Legal basis:' line is longer than {limit} characters",
                           "zh": "该条目的“法律依据：”行超过 {limit} 个字符"},
    "kbr_text_too_long": {"en": "this entry's text is longer than {limit} characters: split it into entries",
                          "zh": "该条目的正文超过 {limit} 个字符：请拆分为几个条目"},
    "kbr_bad_name": {"en": "the name must end in .md and use letters, digits, '.', '_', '-'",
                     "zh": "文件名必须以 .md 结尾，且只能使用字母、数字、“.”、“_”、“-”"},
    "kbr_readme": {"en": "README files are not indexed; give the topic its own name",
                   "zh": "README 文件不会被索引；请为该主题另取一个文件名"},
    "kbr_upload_too_large": {"en": "larger than {kib} KiB", "zh": "超过 {kib} KiB"},
    "kbr_id_taken": {"en": "id '{file_id}' is used by {path} (send {name} to replace it)",
                     "zh": "id“{file_id}”已被 {path} 使用（如要替换它，请发送 {name}）"},
    "kbr_name_taken": {"en": "{path} holds the topic '{file_id}'; choose another file name",
                       "zh": "{path} 存放的是主题“{file_id}”；请换一个文件名"},
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
    # -- the calculator: guarantees, working-day deadlines, recordation terms (bot/core/computed.py)
    "calc_guarantee_title": {"en": "<b>Guarantee: RMB {amount}</b>", "zh": "<b>担保金额：人民币{amount}元</b>"},
    "calc_guarantee_both_title": {
        "en": "<b>Guarantee for goods worth RMB {value}</b>: it depends on the route",
        "zh": "<b>货值人民币{value}元的担保金额</b>：取决于保护模式",
    },
    "calc_route_ex_officio": {
        "en": "Ex officio (customs found the goods; recorded rights)",
        "zh": "依职权保护（海关发现侵权嫌疑货物，限已备案的权利）",
    },
    "calc_route_application": {
        "en": "Application route (you ask customs to detain a shipment)",
        "zh": "依申请保护（权利人申请扣留某批货物）",
    },
    "calc_route_line": {
        "en": "• {route}: <b>RMB {amount}</b>. {working}",
        "zh": "• {route}：<b>{amount}元</b>。{working}",
    },
    "calc_tier_equal_value": {
        "en": "On the application route the guarantee equals the value of the goods (RMB {value}).",
        "zh": "依申请扣留的，担保金额相当于货物价值（{value}元）。",
    },
    "calc_tier_below_low": {
        "en": "The goods are worth less than RMB 20,000, so the guarantee equals their value.",
        "zh": "货值不足2万元，担保金额相当于货物价值（与货值等值）。",
    },
    "calc_tier_half": {
        "en": "Goods worth RMB 20,000 to 200,000: 50% of RMB {value} = RMB {amount}.",
        "zh": "货值2万元至20万元的，按货值的50%：{value}元 × 50% = {amount}元。",
    },
    "calc_tier_floor": {
        "en": "Goods worth RMB 20,000 to 200,000: 50% of RMB {value} is RMB {half}, below the floor of RMB 20,000, "
        "so RMB 20,000.",
        "zh": "货值2万元至20万元的，按货值{value}元的50%计为{half}元，低于2万元下限，按2万元交纳。",
    },
    "calc_tier_fixed": {
        "en": "Goods worth more than RMB 200,000: a fixed RMB 100,000.",
        "zh": "货值超过20万元的，担保金额为10万元。",
    },
    "calc_band_title": {"en": "<b>Guarantee for goods worth {band}</b>", "zh": "<b>货值{band}的担保金额</b>"},
    "calc_band_above": {"en": "more than RMB {value}", "zh": "超过{value}元"},
    "calc_band_from": {"en": "RMB {value} or more", "zh": "{value}元以上（含）"},
    "calc_band_below": {"en": "less than RMB {value}", "zh": "不足{value}元"},
    "calc_band_upto": {"en": "up to RMB {value}", "zh": "不超过{value}元"},
    "calc_band_between": {"en": "RMB {low} to {high}", "zh": "{low}元至{high}元"},
    "calc_band_tier_below_low": {
        "en": "• Ex officio: equal to the value of the goods (goods worth less than RMB 20,000).",
        "zh": "• 依职权保护：相当于货物价值，即与货值等值（货值不足2万元）。",
    },
    "calc_band_tier_up_to_low": {
        "en": "• Ex officio: equal to the value of the goods. Below RMB 20,000 the guarantee is the value; at "
        "exactly RMB 20,000, 50% falls under the RMB 20,000 floor, so it is RMB 20,000, the value again.",
        "zh": "• 依职权保护：相当于货物价值（与货值等值）。货值不足2万元的，担保即为货值；货值恰为2万元的，按50%计算低于2万元下限，"
        "按2万元交纳，仍等于货值。",
    },
    "calc_band_tier_half": {
        "en": "• Ex officio: 50% of the value of the goods, at least RMB 20,000 (goods worth RMB 20,000 to 200,000).",
        "zh": "• 依职权保护：货物价值的50%，最低2万元（货值2万元至20万元）。",
    },
    "calc_band_tier_fixed": {
        "en": "• Ex officio: <b>RMB 100,000</b>, whatever the exact value (goods worth more than RMB 200,000).",
        "zh": "• 依职权保护：<b>10万元</b>，与具体货值无关（货值超过20万元）。",
    },
    "calc_band_application": {
        "en": "• Application route: equal to the value of the goods.",
        "zh": "• 依申请保护：相当于货物价值（与货值等值）。",
    },
    "calc_band_exact": {
        "en": "For the exact figure, tell me the value, e.g. “goods worth RMB 50,000”.",
        "zh": "要算出具体金额，请告诉我货值，例如“货值5万元”。",
    },
    "calc_guarantee_note": {
        "en": "The value is the one customs assesses (normally the transaction price). Holders of recorded "
        "trademarks can lodge one general guarantee (at least RMB 200,000) instead.",
        "zh": "货值以海关核定的价值为准（一般为成交价格）。已备案商标的权利人也可以向海关总署提交总担保"
        "（不少于20万元），不再逐案提供担保。",
    },
    "calc_basis": {"en": "Legal basis: {basis}", "zh": "法律依据：{basis}"},
    "calc_deadline_title": {"en": "<b>Last day: {due}</b>", "zh": "<b>最后一天：{due}</b>"},
    "calc_deadline_both_title": {
        "en": "<b>Last day counted from {event}</b>: it depends on the route",
        "zh": "<b>自{event}起算的期限</b>：取决于保护模式",
    },
    "calc_deadline_line": {
        "en": "{limit}: {days} working days from {event}, the day itself not counted.",
        "zh": "{limit}：自{event}起{days}个工作日，当日不计入。",
    },
    "calc_deadline_route_line": {
        "en": "• {limit}: <b>{due}</b> ({days} working days)",
        "zh": "• {limit}：<b>{due}</b>（{days}个工作日）",
    },
    "calc_holidays_skipped": {"en": "Public holidays skipped: {days}.", "zh": "跳过的法定节假日：{days}。"},
    "calc_adjusted_counted": {
        "en": "Counted as working days (adjusted weekend days): {days}.",
        "zh": "调休上班日计入工作日：{days}。",
    },
    "calc_estimated": {
        "en": "⚠️ The holiday schedule for {years} is not loaded: this counts weekdays only and is an "
        "<b>estimate</b>. Check the date with customs.",
        "zh": "⚠️ 尚未载入{years}年的节假日安排：此结果只按周一至周五计算，<b>仅供估算</b>，请向海关核实。",
    },
    "calc_year_inferred": {
        "en": "You gave no year: I took {year}.",
        "zh": "您未写年份，按{year}年计算。",
    },
    "calc_deadline_note": {
        "en": "Customs counts from the day its notice is served; if in doubt about that day, ask an officer.",
        "zh": "期限自海关通知送达之日的次日起算；如对送达日期有疑问，请咨询关员。",
    },
    "calc_period_title": {
        "en": "<b>{days} working days</b>: {limit}.",
        "zh": "<b>{days}个工作日</b>：{limit}。",
    },
    "calc_periods_title": {"en": "<b>The time limits, in working days</b>", "zh": "<b>各项期限（工作日）</b>"},
    "calc_period_line": {
        "en": "• {limit}: <b>{days} working days</b>",
        "zh": "• {limit}：<b>{days}个工作日</b>",
    },
    "calc_period_note": {
        "en": "Working days skip weekends and China's public holidays and count the adjusted working weekends; the "
        "day of the event itself is not counted. Give me the date it counts from (e.g. “notice served on "
        "30 September 2026”) and I will count the last day, or press Calculator.",
        "zh": "工作日不含周末和法定节假日，调休上班日计入；事件发生当日不计入。告诉我起算日期（例如“2026年9月30日"
        "收到海关通知”），我来算出最后一天，或点击“计算器”。",
    },
    "limit_notice_reply": {
        "en": "Reply to customs' notice of suspect goods (apply for detention and lodge the guarantee)",
        "zh": "收到海关通知后答复（申请扣留并提供担保）",
    },
    "limit_investigation": {
        "en": "Customs' determination whether detained goods infringe",
        "zh": "海关对被扣留货物是否侵权进行调查认定",
    },
    "limit_court_application": {
        "en": "Court's notice of assistance after a detention on your application (else the goods are released)",
        "zh": "依申请扣留后，人民法院协助执行通知须送达海关（否则放行）",
    },
    "limit_court_ex_officio": {
        "en": "Court's notice of assistance after an ex officio detention customs could not decide (else released)",
        "zh": "依职权扣留且海关不能认定的，人民法院协助执行通知须送达海关（否则放行）",
    },
    "limit_recordation_decision": {
        "en": "GACC's decision on a recordation, from the complete application",
        "zh": "海关总署对备案申请作出决定（自收到全部申请文件起）",
    },
    "limit_change_report": {
        "en": "Filing a change (or cancellation) of a recordation after the change",
        "zh": "备案情况发生改变后办理备案变更或注销",
    },
    "calc_term_title": {
        "en": "<b>Recordation valid until {expires}</b>",
        "zh": "<b>备案有效期至{expires}</b>",
    },
    "calc_term_line": {
        "en": "Approved on {approved}: valid 10 years from the day of approval. Renewal can be applied for "
        "from {opens} to {expires}; each renewal lasts another 10 years.",
        "zh": "{approved}获准备案，自准予备案之日起有效期10年。可在{opens}至{expires}期间申请续展，"
        "每次续展有效期10年。",
    },
    "calc_term_expiry_line": {
        "en": "Valid until {expires}: renewal can be applied for from {opens} to {expires}; each renewal lasts "
        "another 10 years.",
        "zh": "有效期至{expires}：可在{opens}至{expires}期间申请续展，每次续展有效期10年。",
    },
    "calc_term_title_right": {
        "en": "<b>Recordation valid until {ends}, when the right expires</b>",
        "zh": "<b>备案有效期至{ends}（知识产权届满之日）</b>",
    },
    "calc_term_right_line": {
        "en": "Approved on {approved}: 10 years would run to {expires}, but a recordation lapses when the right "
        "stops being protected, so it ends on {right} unless the right is renewed or extended by then (then it "
        "runs to {expires}).",
        "zh": "{approved}获准备案，10年有效期本应到{expires}；但知识产权不再受保护的，备案随即失效，因此备案到"
        "{right}终止，除非届时知识产权已续展或延长（那样备案可到{expires}）。",
    },
    "calc_term_right_later": {
        "en": "Your right runs to {right}, beyond the recordation's 10 years: renew the recordation in its window "
        "to keep customs protection.",
        "zh": "您的知识产权有效期到{right}，长于备案的10年：请在续展期内申请续展备案，以保持海关保护。",
    },
    "calc_term_lapsed_right": {
        "en": "That date has passed: unless the right was renewed or extended, the recordation has lapsed with it.",
        "zh": "该日期已过：除非知识产权已续展或延长，备案已随之失效。",
    },
    "calc_need_approval_right": {
        "en": "A recordation is valid 10 years from the day GACC approves it, and lapses sooner if the right "
        "does: yours ends on {right} at the latest. Tell me the approval date (e.g. “approved on 1 March 2022”) "
        "and I will give the exact date.",
        "zh": "备案自海关总署准予备案之日起有效10年；知识产权先届满的，备案随之失效，所以您的备案最迟到{right}。"
        "告诉我准予备案的日期（例如“2022年3月1日获准备案”），我来算出确切日期。",
    },
    "calc_term_open_now": {"en": "The renewal window is open now.", "zh": "现在已可申请续展。"},
    "calc_term_lapsed": {
        "en": "That date has passed: a recordation not renewed by then has lapsed, and a new recordation is needed.",
        "zh": "该日期已过：未按期续展的备案已失效，需要重新申请备案。",
    },
    "calc_term_note": {
        "en": "If the right itself expires sooner, the recordation ends with it. Your GACC approval notice states "
        "the exact dates.",
        "zh": "知识产权本身的有效期更短的，备案随之终止。确切日期以海关总署的备案通知为准。",
    },
    "calc_need_amount": {
        "en": "To compute the guarantee I need the value of the goods in RMB. Write it like “goods worth RMB 50,000, "
        "customs found them”, or press Calculator.",
        "zh": "计算担保金额需要货物价值（人民币）。请这样写：“货值5万元，海关依职权扣留”，或点击“计算器”。",
    },
    "calc_rule_summary": {
        "en": "The rule: ex officio, goods worth below RMB 20,000 → the value; RMB 20,000 to 200,000 → 50% of the "
        "value, at least RMB 20,000; above RMB 200,000 → RMB 100,000. Application route → the value of the goods.",
        "zh": "规则：依职权扣留的，货值不足2万元的，担保相当于货值；2万元至20万元的，为货值的50%，最低2万元；"
        "超过20万元的，为10万元。依申请扣留的，担保相当于货物价值。",
    },
    "calc_need_currency": {
        "en": "The guarantee is set on the goods' value in RMB as customs assesses it; I cannot convert {amount}. "
        "Please give the value in RMB.",
        "zh": "担保金额按海关核定的人民币货值计算，我无法换算{amount}。请提供人民币货值。",
    },
    "calc_need_recordation_date": {
        "en": "A recordation is valid 10 years from the day GACC approves it (sooner if the right itself expires "
        "first); renewal is filed in the 6 months before it expires, and each renewal lasts another 10 years. To "
        "give your own dates, tell me the approval date (e.g. “approved on 1 March 2022”) or the expiry date on "
        "the record (e.g. “expires on 1 March 2032”).",
        "zh": "备案自海关总署准予备案之日起有效10年（知识产权先届满的，随之失效）；续展在备案届满前6个月内提出，每次续展10年。"
        "要算出您的具体日期，请告诉我核准日期（例如“2022年3月1日核准”）或备案上的到期日（例如“2032年3月1日到期”）。",
    },
    "calc_need_date": {
        "en": "To count the days I need the date it started, e.g. “notice served on 30 September 2026”. Write it "
        "like that, or press Calculator.",
        "zh": "计算期限需要起算日期，例如“2026年9月30日收到海关通知”。请这样写，或点击“计算器”。",
    },
    "calc_need_limit": {"en": "Which time limit runs from {date}?", "zh": "自{date}起算的是哪一项期限？"},
    "calc_period_differs": {
        "en": "You mention <b>{days} working days</b>, but the rules give another period for this step (below). "
        "I will not count a last day on either while they differ: please have an officer check your notice.",
        "zh": "您提到<b>{days}个工作日</b>，但规定的这一期限不同（见下）。两者不一致时我不推算最后一天，"
        "请让关员核对您收到的通知。",
    },
    "calc_pick": {"en": "What shall I compute?", "zh": "请选择要计算的内容："},
    "calc_pick_route": {
        "en": "How were (or will) the goods be detained?",
        "zh": "货物是以哪种方式（拟）被扣留的？",
    },
    "calc_pick_limit": {"en": "Which time limit?", "zh": "请选择期限："},
    "calc_ask_amount": {
        "en": "Type the value of the goods in RMB, e.g. 50,000 or 50k. /cancel stops.",
        "zh": "请输入货物价值（人民币），例如 50000 或 5万。发送 /cancel 可退出。",
    },
    "calc_ask_date": {
        "en": "Type the date it counts from, e.g. 2026-09-30 or 30 September 2026. /cancel stops.",
        "zh": "请输入起算日期，例如 2026-09-30 或 2026年9月30日。发送 /cancel 可退出。",
    },
    "calc_ask_approval": {
        "en": "Type the date GACC approved the recordation, e.g. 2020-03-15. /cancel stops.",
        "zh": "请输入海关总署准予备案的日期，例如 2020-03-15。发送 /cancel 可退出。",
    },
    "calc_bad_amount": {
        "en": "I could not read an amount in RMB in that. Type the value, e.g. 50,000 or 50k; /cancel stops.",
        "zh": "没能识别出人民币金额。请输入货值，例如 50000 或 5万；发送 /cancel 可退出。",
    },
    "calc_bad_date": {
        "en": "I could not read a date in that. Type it like 2026-09-30 or 30 September 2026; /cancel stops.",
        "zh": "没能识别出日期。请按 2026-09-30 或 2026年9月30日 的格式输入；发送 /cancel 可退出。",
    },
    "btn_calc": {"en": "🧮 Calculator", "zh": "🧮 计算器"},
    "btn_calc_guarantee": {"en": "Guarantee for a value", "zh": "担保金额"},
    "btn_calc_deadline": {"en": "Last day of a time limit", "zh": "期限的最后一天"},
    "btn_calc_term": {"en": "Recordation expiry and renewal", "zh": "备案到期与续展"},
    "btn_route_ex_officio": {"en": "Customs found them (ex officio)", "zh": "海关发现（依职权）"},
    "btn_route_application": {"en": "We apply (application route)", "zh": "我们申请（依申请）"},
    "btn_route_both": {"en": "Not sure: show both", "zh": "不确定：两种都算"},
    "btn_limit_notice_reply": {"en": "Reply to a customs notice (3)", "zh": "答复海关通知（3个工作日）"},
    "btn_limit_investigation": {"en": "Customs' determination (30)", "zh": "海关调查认定（30个工作日）"},
    "btn_limit_court_application": {"en": "Court notice, application (20)", "zh": "法院协助·依申请（20个工作日）"},
    "btn_limit_court_ex_officio": {"en": "Court notice, ex officio (50)", "zh": "法院协助·依职权（50个工作日）"},
    "btn_limit_recordation_decision": {"en": "Recordation decision (30)", "zh": "备案审批决定（30个工作日）"},
    "btn_limit_change_report": {"en": "Report a change (30)", "zh": "备案变更（30个工作日）"},
    "example_withheld": {
        "en": "The entry I found works an example for another figure than yours, so I will not give it as your "
        "answer.",
        "zh": "我找到的条目是以其他数值举例的，不能当作您这个数值的答案。",
    },
    "date_long": {"en": "{weekday} {day} {month} {year}", "zh": "{year}年{month}{day}日（{weekday}）"},
    "date_short": {"en": "{day} {month}", "zh": "{month}{day}日"},
    "weekdays": {
        "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
        "zh": "星期一 星期二 星期三 星期四 星期五 星期六 星期日",
    },
    "months": {
        "en": "January February March April May June July August September October November December",
        "zh": "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月",
    },
    "range": {"en": "{start}–{end}", "zh": "{start}至{end}"},
    "list_sep": {"en": ", ", "zh": "、"},
    # -- the officer's one view of an item, and the guided path to clear it (issue 19)
    "card_from": {"en": "From: {enterprise} (user {user})", "zh": "来自：{enterprise}（用户 {user}）"},
    "card_age": {"en": "Logged {age} ago", "zh": "登记于 {age} 前"},
    "card_holder": {
        "en": "Held by {holder} since {since} ({age})",
        "zh": "由 {holder} 处理，自 {since} 起（{age}）",
    },
    "card_unheld": {"en": "Nobody holds it yet.", "zh": "尚无人受理。"},
    "card_other_open": {"en": "Their other open items: {items}", "zh": "该企业其他未办结事项：{items}"},
    "card_no_other": {"en": "No other open items of theirs.", "zh": "该企业没有其他未办结事项。"},
    "card_text": {"en": "<b>What they wrote</b>", "zh": "<b>企业原文</b>"},
    "card_bot_answered": {
        "en": "The bot answered with “{title}” (confidence {confidence}); they still asked for an officer.",
        "zh": "机器人曾以“{title}”作答（置信度 {confidence}），用户仍请关员解答。",
    },
    "card_bot_declined": {
        "en": "The bot did not answer (confidence {confidence}). Nearest topics: {topics}",
        "zh": "机器人未作答（置信度 {confidence}）。相近话题：{topics}",
    },
    "card_bot_nothing": {
        "en": "The bot did not answer (confidence {confidence}) and knows no near topic.",
        "zh": "机器人未作答（置信度 {confidence}），也没有相近话题。",
    },
    "card_resolution": {"en": "Resolution: {text}", "zh": "办结意见：{text}"},
    "age_minutes": {"en": "{minutes} min", "zh": "{minutes} 分钟"},
    "age_hours": {"en": "{hours} h {minutes} min", "zh": "{hours} 小时 {minutes} 分钟"},
    "age_days": {"en": "{days} d {hours} h", "zh": "{days} 天 {hours} 小时"},
    "btn_view": {"en": "Open #{item}", "zh": "查看 #{item}"},
    "btn_reply": {"en": "Reply", "zh": "答复"},
    "btn_close": {"en": "Close", "zh": "办结"},
    "btn_reassign": {"en": "Reassign", "zh": "转交"},
    "btn_close_with": {"en": "Close #{item} with this", "zh": "以此答复办结 #{item}"},
    "btn_officer": {"en": "{name} ({user})", "zh": "{name}（{user}）"},
    "taken_reply_now": {
        "en": "You took #{item}. Type your reply to the enterprise now, or use the buttons.",
        "zh": "您已认领 #{item}。现在即可输入给企业的答复，或使用下方按钮。",
    },
    "reply_prompt": {
        "en": "Send your reply to #{item}; the enterprise receives it as you write it. /cancel stops.",
        "zh": "请发送对 #{item} 的答复，企业将原样收到。发送 /cancel 可取消。",
    },
    "close_prompt": {
        "en": "Send the resolution of #{item}; the enterprise receives it. /cancel stops.",
        "zh": "请发送 #{item} 的办结意见，企业将收到。发送 /cancel 可取消。",
    },
    "reopen_prompt": {
        "en": "Why reopen #{item}? Send the reason in one message; it goes into the history. /cancel stops.",
        "zh": "为什么重新打开 #{item}？请用一条消息说明原因，原因将记入处理记录。发送 /cancel 可取消。",
    },
    "replied_close_with": {
        "en": "Reply on #{item} sent to the enterprise. Close with this as the resolution?",
        "zh": "对 #{item} 的答复已发送给企业。是否以此答复作为办结意见并办结？",
    },
    "reassign_pick": {"en": "Hand #{item} to which officer?", "zh": "将 #{item} 转交给哪位关员？"},
    "reassign_nobody": {
        "en": "There is no other officer to hand #{item} to.",
        "zh": "没有其他关员可以转交 #{item}。",
    },
    "held_by": {
        "en": "#{item} is held by {holder}. Ask them, or hand it over with /reassign {item} USER_ID.",
        "zh": "#{item} 由 {holder} 负责。请与其联系，或用 /reassign {item} 用户ID 转交。",
    },
    "held_header": {"en": "<b>Items you hold</b>", "zh": "<b>您负责的事项</b>"},
    "held_empty": {
        "en": "You hold no items. /queue shows what is waiting.",
        "zh": "您目前没有负责的事项。发送 /queue 查看待办清单。",
    },
    "held_line": {"en": "#{item} · {age} · {enterprise}: {title}", "zh": "#{item} · {age} · {enterprise}：{title}"},
    "queue_holder": {"en": "{status}, with {holder}", "zh": "{status}（{holder}）"},
    "stats_in_progress_by_category": {"en": "In progress by category: {counts}", "zh": "各类处理中：{counts}"},
    "reopened_open": {
        "en": "#{item} is open again, back in the queue.",
        "zh": "#{item} 已重新打开，回到待办清单。",
    },
    "reopened_held": {
        "en": "#{item} is in progress again, with {holder}, who has been told.",
        "zh": "#{item} 已重新转为处理中，由 {holder} 负责，已通知其本人。",
    },
    "reopened_yours": {
        "en": "#{item} is in progress again, with you; the enterprise is told.",
        "zh": "#{item} 已重新转为处理中，由您负责；已通知企业。",
    },
    "reopened_held_by": {  # an officer reopened another's item: the tracker tells the owner and the holder
        "en": "#{item} is in progress again, with {holder}; the enterprise and {holder} are told.",
        "zh": "#{item} 已重新转为处理中，由 {holder} 负责；已通知企业和 {holder}。",
    },
    "n_item_reopened_by_reason": {
        "en": "#{item} was reopened by officer {officer}: {reason}",
        "zh": "#{item} 已由关员 {officer} 重新打开：{reason}",
    },
    "n_item_reopened_by": {
        "en": "#{item} was reopened by officer {officer}.",
        "zh": "#{item} 已由关员 {officer} 重新打开。",
    },
    "n_item_reopened_reason": {
        "en": "#{item} was reopened: {reason}",
        "zh": "#{item} 已重新打开：{reason}",
    },
    # -- numbers, pending steps and old buttons
    "no_such_choice": {
        "en": "There is no choice numbered {number} here. For item #{number}, send /status {number}; "
        "to ask about a number, write a few words with it.",
        "zh": "这里没有编号为 {number} 的选项。查看 #{number} 号事项请发送 /status {number}；"
        "如要询问某个数字，请连同几句说明一起发送。",
    },
    "no_such_choice_step": {
        "en": "There is no choice numbered {number} here: press one of these, or /cancel.",
        "zh": "这里没有编号为 {number} 的选项：请点击下方按钮之一，或发送 /cancel。",
    },
    "no_such_choice_words": {
        "en": "There is no choice numbered {number} here, and a number alone is not taken as {what}: "
        "write it out, or /cancel.",
        "zh": "这里没有编号为 {number} 的选项，单独一个数字不会作为{what}：请写明文字，或发送 /cancel。",
    },
    "step_still": {
        "en": "(Still waiting for {what}: send it, or /cancel.)",
        "zh": "（仍在等待{what}：请直接发送，或发送 /cancel 取消。）",
    },
    "step_still_choice": {
        "en": "(Still waiting for {what}: press one of these, or /cancel.)",
        "zh": "（仍在等待{what}：请点击下方按钮之一，或发送 /cancel 取消。）",
    },
    "step_left": {"en": "(I stopped waiting for {what}.)", "zh": "（已不再等待{what}。）"},
    "what_problem_category": {"en": "the category of your problem", "zh": "您选择问题类别"},
    "what_problem_text": {"en": "your problem's description", "zh": "您的问题描述"},
    "what_follow_up": {"en": "what to add to #{item}", "zh": "您要补充到 #{item} 的内容"},
    "what_reply": {"en": "your reply to #{item}", "zh": "您对 #{item} 的答复"},
    "what_close": {"en": "the resolution of #{item}", "zh": "#{item} 的办结意见"},
    "what_reopen": {"en": "the reason to reopen #{item}", "zh": "重新打开 #{item} 的原因"},
    "what_other": {"en": "your answer", "zh": "您的回答"},
    "button_stale": {
        "en": "That button is from an earlier message and no longer applies.",
        "zh": "该按钮来自之前的消息，已不再适用。",
    },
    # -- greetings, what happens next, adding to an item, long texts
    "thanks_reply": {
        "en": "You're welcome! Ask me anything else about customs protection of IPR, or send /help.",
        "zh": "不客气！还有海关知识产权保护方面的问题，请直接提问，或发送 /help。",
    },
    "step_text_too_long": {  # a resolution or reason over the tracker's limit: its step still waits
        "en": "That is {length} characters; {what} can hold at most {limit}. Shorten it and send it again, "
        "or /cancel.",
        "zh": "内容共 {length} 个字，{what}最多 {limit} 个字。请精简后重新发送，或发送 /cancel。",
    },
    "about_desk": {
        "en": "I am iprdesk, the customs IPR desk's automatic assistant: I answer from the desk's knowledge base on "
        "customs protection of intellectual property rights, with the article each answer rests on. For anything "
        "else, or to talk to a person, press “Ask an officer”: your question goes on the desk's list and an "
        "officer answers here.",
        "zh": "我是 iprdesk，海关知识产权服务台的自动助手：我根据服务台的知识库回答海关知识产权保护方面的问题，"
        "并注明依据的条款。其他问题，或想和真人沟通，请点击“转交关员”：您的问题会登记到服务台清单，由关员在这里答复。",
    },
    "greeting": {
        "en": "Hello! Ask me anything about customs protection of intellectual property rights, "
        "or send /help to see what I can do.",
        "zh": "您好！海关知识产权保护方面的问题请直接提问，或发送 /help 查看可用功能。",
    },
    "what_next": {
        "en": "An officer will answer here; /status {item} shows where it stands, /followup {item} adds to it.",
        "zh": "关员会在这里答复您；发送 /status {item} 查看进度，/followup {item} 补充内容。",
    },
    "pick_category": {"en": "Which category fits it best?", "zh": "请选择最合适的类别："},
    "btn_add_to_open": {"en": "Add to an open item…", "zh": "补充到未办结事项…"},
    "add_pick": {
        "en": "Add this question to one of your open items? The one that fits best is first.\n“{question}”",
        "zh": "将这个问题补充到您的未办结事项吗？最相关的列在最前。\n“{question}”",
    },
    "btn_add_item": {"en": "#{item} {title}", "zh": "#{item} {title}"},
    "followup_added_text": {"en": "Added to #{item}: “{text}”", "zh": "已补充到 #{item}：“{text}”"},
    "kept_in_parts": {
        "en": "It was longer than {limit} characters, so it is kept in {parts} parts.",
        "zh": "内容超过 {limit} 个字，已分 {parts} 段保存。",
    },
    "question_too_long": {
        "en": "That is too long for one question (over {limit} characters). Log it with /problem, which "
        "keeps a long text whole in parts, or split it into shorter questions.",
        "zh": "作为提问内容过长（超过 {limit} 个字）。请用 /problem 登记，长内容会分段完整保存；"
        "或拆成几个较短的问题。",
    },
    # -- admins: roles
    "cmd_users": {"en": "who holds which role: /users [ROLE]", "zh": "查看角色名单：/users [角色]"},
    "usage_users": {
        "en": "Usage: /users [ROLE] (officer, admin or enterprise)",
        "zh": "用法：/users [角色]（officer、admin 或 enterprise；关员、管理员、企业）",
    },
    "users_header": {"en": "<b>{role}</b> ({count})", "zh": "<b>{role}</b>（{count} 人）"},
    "users_line": {"en": "{user} · {name}", "zh": "{user} · {name}"},
    "users_none": {"en": "Nobody holds that role.", "zh": "没有用户担任该角色。"},
    "role_plural_enterprise": {"en": "Enterprise users", "zh": "企业用户"},
    "role_plural_officer": {"en": "Officers", "zh": "关员"},
    "role_plural_admin": {"en": "Administrators", "zh": "管理员"},
    "granted_stranger": {
        "en": "User {user} has never written to the bot; they are {role} from their first message.",
        "zh": "用户 {user} 尚未与机器人对话过；自其第一条消息起即为{role}。",
    },
    "already_role": {"en": "User {user} already is {role}.", "zh": "用户 {user} 已是{role}。"},
    "revoke_no_role": {
        "en": "User {user} holds no role: they are an enterprise user already.",
        "zh": "用户 {user} 没有任何角色，本来就是企业用户。",
    },
    "grant_self": {
        "en": "You cannot change your own role; another administrator can.",
        "zh": "不能更改自己的角色，请由其他管理员操作。",
    },
    "last_admin": {
        "en": "That would leave no administrator: make someone else an admin first.",
        "zh": "这样将没有管理员：请先将其他人设为管理员。",
    },
    "reindex_unchanged": {
        "en": "Nothing changed since the build in service ({sections} sections); the index stays as it is.",
        "zh": "自当前索引构建以来没有改动（共 {sections} 个条目），索引保持不变。",
    },
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
    # -- the knowledge loop (issue 14): gaps, previews, history, officers' answers
    "cmd_gaps": {
        "en": "questions the knowledge base could not answer, grouped", "zh": "知识库未能回答的问题（已归类）"
    },
    "cmd_kb": {
        "en": "knowledge topics; /kb history TOPIC; /kb undo TOPIC; /kb drafts",
        "zh": "知识库话题；/kb history 话题；/kb undo 话题；/kb drafts",
    },
    "kb_usage": {
        "en": "Usage: /kb (the topics) · /kb history TOPIC · /kb undo TOPIC · /kb drafts (answers waiting)",
        "zh": "用法：/kb（话题列表）· /kb history 话题 · /kb undo 话题 · /kb drafts（待审核的解答）",
    },
    "kb_drafts_none": {"en": "No officer's answer is waiting for an admin.", "zh": "没有待管理员审核的关员解答。"},
    "kb_drafts_header": {
        "en": "<b>Officers' answers waiting</b> for an admin, oldest first: {count}{more}",
        "zh": "<b>待审核的关员解答</b>（最早的在前）：{count} 份{more}",
    },
    "kb_drafts_more": {"en": " (more wait after these)", "zh": "（之后还有更多）"},
    "kb_topics_header": {
        "en": "<b>Knowledge base</b>: {count} topics, {entries} entries",
        "zh": "<b>知识库</b>：{count} 个话题，{entries} 个条目",
    },
    "kb_topic_line": {"en": "<code>{topic}</code> · {language} · {entries} entries · {title}",
                      "zh": "<code>{topic}</code> · {language} · {entries} 个条目 · {title}"},
    "kb_topics_hint": {
        "en": "/kb history TOPIC shows its changes; /kb undo TOPIC takes back the last one.",
        "zh": "/kb history 话题 查看修改记录；/kb undo 话题 撤销最近一次修改。",
    },
    "kb_no_history": {"en": "No change to {topic} is kept yet.", "zh": "{topic} 还没有保存的修改记录。"},
    "kb_history_header": {
        "en": "<b>Changes to {topic}</b>, newest first:", "zh": "<b>{topic} 的修改记录</b>（最新在前）："
    },
    "kb_history_line": {"en": "{when} · {who} · {kind}: {summary}", "zh": "{when} · 修改人 {who} · {kind}：{summary}"},
    "kb_undo_hint": {
        "en": "/kb undo {topic} restores the version before the newest change.",
        "zh": "/kb undo {topic} 恢复到最近一次修改之前的版本。",
    },
    "kb_kind_upload": {"en": "file uploaded", "zh": "上传文件"},
    "kb_kind_phrasings": {"en": "other phrasings added", "zh": "添加问法"},
    "kb_kind_entry": {"en": "officer's answer approved", "zh": "审核通过关员解答"},
    "kb_kind_undo": {"en": "undo", "zh": "撤销"},
    "kb_undone": {
        "en": "{topic} is back as it was before the {kind} of {when} by {who}, and indexed. "
        "/kb undo {topic} again brings that change back.",
        "zh": "{topic} 已恢复到 {who} 于 {when} {kind}之前的版本，并已重新索引。再次 /kb undo {topic} 可恢复该修改。",
    },
    "kb_undo_failed": {"en": "{topic} could not be restored; nothing changed: {reason}",
                       "zh": "{topic} 无法恢复，未做任何修改：{reason}"},
    "kb_upload_private": {
        "en": "Knowledge files are taken in a private chat with me only: send it there.",
        "zh": "知识库文件只在与我的私聊中接收，请在私聊中发送。",
    },
    "kb_preview_new": {
        "en": "<b>{file}</b> is valid: a new topic <code>{topic}</code> with {sections} entries, to go to {path}. "
        "Nothing has changed yet.",
        "zh": "<b>{file}</b> 格式正确：新话题 <code>{topic}</code>，共 {sections} 个条目，将存为 {path}。"
        "目前尚未做任何修改。",
    },
    "kb_preview_update": {
        "en": "<b>{file}</b> is valid and replaces {path} (topic <code>{topic}</code>, {sections} entries). "
        "Nothing has changed yet.",
        "zh": "<b>{file}</b> 格式正确，将替换 {path}（话题 <code>{topic}</code>，{sections} 个条目）。"
        "目前尚未做任何修改。",
    },
    "kb_diff_none": {"en": "No entry changes.", "zh": "条目没有变化。"},
    "kb_diff_added": {"en": "Added ({count}):", "zh": "新增（{count}）："},
    "kb_diff_changed": {"en": "Changed ({count}):", "zh": "修改（{count}）："},
    "kb_diff_removed": {"en": "Removed ({count}):", "zh": "删除（{count}）："},
    "btn_kb_publish": {"en": "Publish", "zh": "发布"},
    "btn_kb_cancel": {"en": "Cancel", "zh": "取消"},
    "kb_published": {
        "en": "{file} is published: {sections} entries of {topic} indexed. /kb undo {topic} takes it back.",
        "zh": "{file} 已发布：{topic} 的 {sections} 个条目已索引。/kb undo {topic} 可撤销。",
    },
    "kb_cancelled": {"en": "Cancelled; nothing changed.", "zh": "已取消，未做任何修改。"},
    "kb_draft_decided": {"en": "Already decided by {who}; nothing more to do.", "zh": "{who} 已处理过，无需再操作。"},
    "kb_not_for_desk": {
        "en": "Questions like this are outside what this desk answers. An officer can still look at it.",
        "zh": "此类问题不在本服务台的答复范围内。如需要，仍可转交关员。",
    },
    "gaps_empty": {"en": "No gaps: every question was answered.", "zh": "没有缺口：所有问题都已得到回答。"},
    "gaps_header": {
        "en": "<b>Knowledge gaps</b>: {questions} questions in {groups} groups; the {shown} largest:",
        "zh": "<b>知识库缺口</b>：{groups} 组共 {questions} 个问题；最大的 {shown} 组：",
    },
    "gap_group": {
        "en": "<b>{count}×</b> {question}\n({langs}; {sources})",
        "zh": "<b>{count} 次</b> {question}\n（{langs}；{sources}）",
    },
    "gap_source_declined": {"en": "declined", "zh": "未回答"},
    "gap_source_unhelpful": {"en": "marked 👎", "zh": "被点 👎"},
    "gap_source_escalation": {"en": "closed by an officer", "zh": "关员已办结"},
    "gap_unhelpful_entries": {"en": "👎 on: {entries}", "zh": "被点 👎 的条目：{entries}"},
    "gap_marked_needs_entry": {"en": "Marked: needs a new entry.", "zh": "已标记：需要新条目。"},
    "btn_gap_answered_by": {"en": "Answered by: {title}", "zh": "由此回答：{title}"},
    "btn_gap_needs_entry": {"en": "Needs a new entry", "zh": "需要新条目"},
    "btn_gap_dismiss": {"en": "Not for this desk", "zh": "不属本台范围"},
    "gap_already_handled": {"en": "Already handled by {who}: {how}.", "zh": "{who} 已处理：{how}。"},
    "gap_status_open": {"en": "still open", "zh": "仍待处理"},
    "gap_status_needs_entry": {"en": "marked as needing a new entry", "zh": "已标记为需要新条目"},
    "gap_status_answered": {"en": "answered by an entry", "zh": "已指定回答条目"},
    "gap_status_dismissed": {"en": "not for this desk", "zh": "不属本台范围"},
    "gap_marked_needs": {"en": "{count} questions stay on the list, marked: needs a new entry.",
                         "zh": "{count} 个问题留在清单上，已标记为需要新条目。"},
    "gap_dismissed": {
        "en": "{count} questions dismissed; similar ones are declined at once from now on.",
        "zh": "已忽略 {count} 个问题；今后类似问题将直接说明不属本台范围。",
    },
    "gap_write_failed": {"en": "The knowledge file was not changed: {reason}", "zh": "知识库文件未修改：{reason}"},
    "gap_answered": {
        "en": "{count} phrasings added to “{entry}” and indexed: those questions are answered from it now.",
        "zh": "已为“{entry}”添加 {count} 个问法并完成索引：这些问题现在由该条目回答。",
    },
    "gap_answered_partly": {
        "en": "{count} phrasings added to “{entry}” and indexed, but {missing} of those questions are still not "
        "answered from it: the entry may not say what they ask. Asked again, they come back on the list.",
        "zh": "已为“{entry}”添加 {count} 个问法并完成索引，但其中 {missing} 个问题仍未由该条目回答：该条目可能没有"
        "回答这些问题。再次被问到时，它们会重新列入清单。",
    },
    "gap_answered_left": {
        "en": "{count} other questions of the group stay on the list: this entry is not among the nearest for them.",
        "zh": "该组另有 {count} 个问题仍留在清单上：此条目不在与它们最接近的条目之列。",
    },
    "kb_basis_line": {"en": "Legal basis: {basis}", "zh": "法律依据：{basis}"},
    "btn_kb_propose": {"en": "Propose for the knowledge base", "zh": "提议加入知识库"},
    "kb_propose_not_resolved": {
        "en": "Only a resolved question that the bot escalated can be proposed; #{item} is not one.",
        "zh": "只有机器人转交且已办结的问题才能提议加入知识库；#{item} 不符合。",
    },
    "kb_already_proposed": {"en": "#{item}'s answer was proposed already.", "zh": "#{item} 的解答已经提议过。"},
    "kb_proposed": {
        "en": "#{item}'s answer went to {admins} admins as a draft, with the case's details removed. "
        "Nothing is published until an admin approves it.",
        "zh": "#{item} 的解答已作为草稿（已删除个案信息）发给 {admins} 位管理员。管理员批准前不会发布。",
    },
    "kb_draft_header": {
        "en": "<b>Draft entry {draft}</b> from #{item} ({lang_name}):",
        "zh": "<b>条目草稿 {draft}</b>，来自 #{item}（{lang_name}）：",
    },
    "kb_draft_removed": {"en": "Removed: {removed}", "zh": "已删除：{removed}"},
    "kb_draft_removed_none": {"en": "Nothing needed removing.", "zh": "没有需要删除的内容。"},
    "btn_kb_approve": {"en": "Approve", "zh": "批准"},
    "btn_kb_edit": {"en": "Edit", "zh": "修改"},
    "btn_kb_reject": {"en": "Reject", "zh": "驳回"},
    "kb_provenance": {
        "en": "approved by {who}, {when}, from #{item}", "zh": "由 {who} 于 {when} 审核通过，来自 #{item}"
    },
    "kb_approved": {"en": "Published and indexed: “{heading}”.", "zh": "已发布并索引：“{heading}”。"},
    "kb_edit_prompt": {
        "en": "Send the corrected entry {draft} as your next message: a '## ' heading (the question), the answer, "
        "and a last line 'Legal basis: …'. The draft now:",
        "zh": "请在下一条消息中发送修改后的条目 {draft}：'## ' 标题（问题）、答复，最后一行“法律依据：…”。当前草稿：",
    },
    "kb_edit_invalid": {
        "en": "That entry cannot be used: {reason}. Send it again corrected, or /cancel.",
        "zh": "该条目无法使用：{reason}。请修改后重新发送，或发送 /cancel。",
    },
    "kb_rejected": {"en": "Draft {draft} rejected; nothing published.", "zh": "草稿 {draft} 已驳回，未发布。"},
    "what_kb_edit": {"en": "the corrected entry for draft {item}", "zh": "草稿 {item} 的修改内容"},
    # -- casework (issue 15): structured intake, attachments, service levels, duplicates and merges,
    # satisfaction, recordations and the chart
    # -- service levels (working days, the Chinese calendar)
    "due_first_response": {"en": "first response", "zh": "首次答复"},
    "due_resolution": {"en": "resolution", "zh": "办结"},
    "due_line": {"en": "{stage} due {when}", "zh": "{stage}期限 {when}"},
    "due_late": {"en": "{stage} {days} working day(s) late", "zh": "{stage}已超期 {days} 个工作日"},
    "queue_line_due": {
        "en": "#{item} · {due} · {status} · {age} · {category} · {enterprise}: {title}",
        "zh": "#{item} · {due} · {status} · {age} · {category} · {enterprise}：{title}",
    },
    "queue_age": {"en": "{age} old", "zh": "已登记 {age}"},  # a queue line's age: since the item was logged
    "card_due": {
        "en": "Due (working days): first response {first} · resolution {resolution}",
        "zh": "期限（工作日）：首次答复 {first} · 办结 {resolution}",
    },
    "n_due_soon": {
        "en": "⏰ #{item} {title}: the {stage} is due {when}.",
        "zh": "⏰ #{item} {title}：{stage}期限为 {when}。",
    },
    "n_overdue": {
        "en": "⚠️ #{item} {title} is past its {stage} due time ({when}).",
        "zh": "⚠️ #{item} {title} 已超过{stage}期限（{when}）。",
    },
    "n_digest": {
        "en": "<b>Daily list</b>: {open} open · {in_progress} in progress — {to_go} to go to zero; "
        "{overdue} past their due time (working days).",
        "zh": "<b>每日清单</b>：待处理 {open} 件 · 处理中 {in_progress} 件——距清零还有 {to_go} 件；"
        "{overdue} 件已超过期限（按工作日计）。",
    },
    "n_digest_oldest": {"en": "Longest overdue: {items} (/take N)", "zh": "超期最久：{items}（/take 编号）"},
    "n_digest_late": {"en": "#{item} ({days} wd late)", "zh": "#{item}（超 {days} 个工作日）"},
    "stats_sla": {
        "en": "Resolved on time (working days): {percent} of {count}",
        "zh": "按期办结（工作日）：{count} 件中 {percent}",
    },
    "stats_sla_none": {"en": "Resolved on time: none resolved with a due time yet", "zh": "按期办结：尚无"},
    "stats_satisfaction": {
        "en": "Satisfaction: average {average} of 5 from {count} rating(s); {share} gave 4–5",
        "zh": "满意度：{count} 条评价，平均 {average} 分（满分 5）；4–5 分占 {share}",
    },
    "stats_no_satisfaction": {"en": "Satisfaction: no ratings yet", "zh": "满意度：尚无评价"},
    "stats_recordations": {
        "en": "Recordations expiring in the next six months: {count}",
        "zh": "未来六个月内到期的备案：{count} 件",
    },
    "chart_caption": {
        "en": "Open and in progress per week, by category; {to_go} to go to zero.",
        "zh": "每周待处理与处理中事项（按类别）；距清零还有 {to_go} 件。",
    },
    # -- structured intake
    "intake_right": {
        "en": "Which right is it about? (every step can be skipped)",
        "zh": "涉及哪类知识产权？（每一步都可跳过）",
    },
    "intake_recordation": {
        "en": "The customs recordation number, if the right is recorded (e.g. T2019-12345):",
        "zh": "如已办理海关备案，请输入备案号（例如 T2019-12345）：",
    },
    "intake_bad_recordation": {
        "en": "“{typed}” is not a recordation number. It is a letter, the year and a serial number, "
        "e.g. T2019-12345 (T trademark, P patent, C copyright). Type it again or press Skip.",
        "zh": "“{typed}”不是备案号。备案号由一个字母、年份和序号组成，例如 T2019-12345"
        "（T 商标、P 专利、C 著作权）。请重新输入或点“跳过”。",
    },
    "intake_port": {"en": "Which port or customs district?", "zh": "哪个口岸或海关关区？"},
    "intake_goods": {
        "en": "The goods: what they are, brand, quantity, how they look:",
        "zh": "涉及的货物：品名、品牌、数量、外观等：",
    },
    "intake_direction": {"en": "Import or export?", "zh": "进口还是出口？"},
    "intake_value": {
        "en": "The declared value of the goods in RMB (e.g. 50,000 or 50k):",
        "zh": "货物申报价值（人民币，例如 50,000 或 5万）：",
    },
    "intake_bad_value": {
        "en": "I cannot read “{typed}” as an amount in RMB. Type a number such as 50000, 50,000 or 50k, "
        "or press Skip.",
        "zh": "无法把“{typed}”识别为人民币金额。请输入如 50000、50,000、5万 这样的数字，或点“跳过”。",
    },
    "intake_route": {
        "en": "How did it start: customs found the goods, or you want to apply for detention?",
        "zh": "事由：海关发现了货物，还是您要申请扣留？",
    },
    "intake_summary": {
        "en": "<b>Your problem, before it is logged</b>\n{fields}\n\nLog it as it is, or edit a field.",
        "zh": "<b>登记前请确认</b>\n{fields}\n\n确认登记，或修改某一项。",
    },
    "intake_guarantee": {
        "en": "Guarantee the rules give for this value and route: <b>RMB {amount}</b> ({basis})",
        "zh": "按此价值和途径，规定的担保金额：<b>人民币{amount}元</b>（{basis}）",
    },
    "intake_escalation": {
        "en": "Your question goes to an officer as you asked it. A few details spare them asking you back; "
        "skip any you do not know.",
        "zh": "您的问题将按原文转交关员。补充几项信息可免去关员再来询问；不清楚的可以跳过。",
    },
    "intake_summary_question": {
        "en": "<b>Your question, before it goes to an officer</b>\n{fields}\n\nSend it as it is, or edit a field.",
        "zh": "<b>转交关员前请确认</b>\n{fields}\n\n确认转交，或修改某一项。",
    },
    "field_question": {"en": "Question", "zh": "问题"},
    "intake_edit_pick": {"en": "Which field?", "zh": "修改哪一项？"},
    "intake_no_text": {"en": "(no description)", "zh": "（无描述）"},
    "field_category": {"en": "Category", "zh": "类别"},
    "field_description": {"en": "Problem", "zh": "问题"},
    "field_right_kind": {"en": "Right", "zh": "权利类型"},
    "field_recordation_no": {"en": "Recordation no.", "zh": "备案号"},
    "field_port": {"en": "Port", "zh": "口岸"},
    "field_goods": {"en": "Goods", "zh": "货物"},
    "field_direction": {"en": "Import/export", "zh": "进出口"},
    "field_declared_value": {"en": "Declared value (RMB)", "zh": "申报价值（人民币）"},
    "field_route": {"en": "Route", "zh": "途径"},
    "field_line": {"en": "{name}: {value}", "zh": "{name}：{value}"},
    "field_skipped": {"en": "—", "zh": "—"},
    "right_trademark": {"en": "Trademark", "zh": "商标"},
    "right_patent": {"en": "Patent", "zh": "专利"},
    "right_copyright": {"en": "Copyright", "zh": "著作权"},
    "right_symbol": {"en": "Olympic / World Expo symbol", "zh": "奥林匹克/世博会标志"},
    "right_other": {"en": "Other", "zh": "其他"},
    "direction_import": {"en": "Import", "zh": "进口"},
    "direction_export": {"en": "Export", "zh": "出口"},
    "route_ex_officio": {"en": "Customs found the goods", "zh": "海关发现（依职权）"},
    "route_application": {"en": "We apply for detention", "zh": "我们申请扣留（依申请）"},
    "btn_skip": {"en": "Skip ›", "zh": "跳过 ›"},
    "btn_log_it": {"en": "✅ Log it", "zh": "✅ 确认登记"},
    "btn_edit": {"en": "✏️ Edit a field", "zh": "✏️ 修改"},
    "btn_cancel": {"en": "Cancel", "zh": "取消"},
    "what_intake": {"en": "your problem's details", "zh": "问题的详细信息"},
    "intake_added_problem": {  # text typed at the summary: joined to the text to be logged, the summary again
        "en": "Added to the problem's text.",
        "zh": "已补充到问题描述中。",
    },
    "intake_added_question": {  # the same at an escalation's summary: it follows the question to the officer
        "en": "Added to your question; it goes to the officer with it.",
        "zh": "已补充到您的问题中，将一并转交关员。",
    },
    "thanks_in_step": {"en": "You're welcome!", "zh": "不客气！"},  # thanks during the intake: its step again
    "intake_choice_unknown": {  # typed at a choice field, naming no choice (or two): the buttons again under it
        "en": "I could not tell which choice you meant: press one of these.",
        "zh": "未能识别您选择的是哪一项，请点击下方按钮之一。",
    },
    # -- duplicates and merges
    "dup_offer": {
        "en": "This looks like your open #{item} “{title}”. Add it to #{item} instead of logging a new item?",
        "zh": "这与您未办结的 #{item}“{title}”很相似。是否补充到 #{item}，而不是新登记一件？",
    },
    "dup_kept": {  # text typed at the duplicate question: joined to the waiting text, the question again
        "en": "Kept with the text to be logged. Add it all to #{item}, or log it as a new item?",
        "zh": "已并入待登记的内容。请选择：全部补充到 #{item}，或作为新事项登记。",
    },
    "dup_again": {  # the duplicate question asked again (after a file sent meanwhile, or thanks)
        "en": "Add it to #{item}, or log it as a new item?",
        "zh": "请选择：补充到 #{item}，或作为新事项登记。",
    },
    "btn_dup_add": {"en": "Add to #{item}", "zh": "补充到 #{item}"},
    "btn_dup_new": {"en": "Log as new", "zh": "作为新事项登记"},
    "similar_open": {"en": "Similar open items: {items}", "zh": "相似的未办结事项：{items}"},
    "similar_line": {"en": "#{item} ({score}) {title}", "zh": "#{item}（{score}）{title}"},
    "cmd_merge": {
        "en": "merge a duplicate: /merge N M (M goes into N)",
        "zh": "合并重复事项：/merge N M（M 并入 N）",
    },
    "usage_merge": {"en": "Usage: /merge N M — #M's history and files go to #N", "zh": "用法：/merge N M —— #M 的记录和附件并入 #N"},
    "merged": {"en": "#{from_item} is merged into #{item}; its owner is told.", "zh": "#{from_item} 已并入 #{item}，已通知提交人。"},
    "merge_other_owner": {
        "en": "#{from_item} and #{item} were logged by different enterprise users, so they are not merged: "
        "#{from_item}'s history and files would reach #{item}'s owner. Handle them side by side.",
        "zh": "#{from_item} 与 #{item} 由不同的企业用户登记，不能合并：否则 #{from_item} 的记录和附件会被 #{item} 的"
        "提交人看到。请分别处理。",
    },
    "merge_itself": {"en": "An item cannot be merged into itself.", "zh": "事项不能与自身合并。"},
    "n_item_merged": {
        "en": "#{from_item} is handled together with your #{item}, which now holds its history and files. "
        "Follow #{item} from here.",
        "zh": "#{from_item} 已与您的 #{item} 合并处理，其记录和附件都已并入 #{item}。请关注 #{item}。",
    },
    "ev_merged": {"en": "merged: {text}", "zh": "合并：{text}"},
    "ev_merged_text": {"en": "merged: {text}", "zh": "合并：{text}"},
    # -- satisfaction
    "rate_ask": {"en": "How did we do on #{item}?", "zh": "您对 #{item} 的处理满意吗？"},
    "rate_thanks": {
        "en": "Thank you: {score}/5 on #{item}. Add a comment if you like (type it now), or /cancel.",
        "zh": "谢谢：#{item} 评分 {score}/5。如愿意可直接输入意见，或发送 /cancel。",
    },
    "rate_comment_kept": {"en": "Your comment on #{item} is kept. Thank you.", "zh": "您对 #{item} 的意见已记录，谢谢。"},
    "what_rate_comment": {"en": "your comment on #{item}", "zh": "您对 #{item} 的意见"},
    "n_low_score": {
        "en": "👎 #{item} was rated {score}/5 by its owner. {comment}",
        "zh": "👎 #{item} 被提交人评为 {score}/5。{comment}",
    },
    "ev_rated": {"en": "rated it: {text}", "zh": "评价：{text}"},
    "ev_rated_text": {"en": "rated it: {text}", "zh": "评价：{text}"},
    # -- attachments
    "attach_pick": {
        "en": "Which item is the {kind} “{name}” for?",
        "zh": "这个{kind}“{name}”属于哪个事项？",
    },
    "attach_none": {
        "en": "You have no open item to attach this to. Log the problem first (/problem), then send the file.",
        "zh": "您没有未办结的事项可附加此文件。请先登记问题（/problem），再发送文件。",
    },
    "attach_refused": {
        "en": "Only photos, images and PDF files up to {limit} MB can be attached.",
        "zh": "只能附加照片、图片和 PDF 文件，大小不超过 {limit} MB。",
    },
    "attach_added": {"en": "📎 {name} is attached to #{item}; the officer gets it.", "zh": "📎 {name} 已附加到 #{item}，关员会收到。"},
    "attach_held": {
        "en": "📎 {name} is kept; it is attached to the item when you log it (the officer gets it then).",
        "zh": "📎 {name} 已保存；登记后将附加到该事项，关员届时会收到。",
    },
    "attach_held_full": {
        "en": "{count} files already wait for this item. Log it first, then send more.",
        "zh": "已有 {count} 个文件等待附加到该事项。请先完成登记，再发送更多文件。",
    },
    "attach_held_added": {"en": "📎 Attached to #{item}: {names}.", "zh": "📎 已附加到 #{item}：{names}。"},
    "attach_kind_photo": {"en": "photo", "zh": "照片"},
    "attach_kind_document": {"en": "document", "zh": "文件"},
    "attachments_header": {"en": "<b>Attachments</b> (press to have one sent again)", "zh": "<b>附件</b>（点击可重新发送）"},
    "attachments_more": {
        "en": "More files on #{item} (press one to have it sent again):",
        "zh": "#{item} 的更多文件（点击可重新发送）：",
    },
    "btn_more_files": {"en": "More files ({count}) ›", "zh": "更多文件（{count}）›"},
    "n_attachment": {
        "en": "📎 #{item}: {name} from {owner}",
        "zh": "📎 #{item}：{owner} 发送的 {name}",
    },
    "attachment_caption": {"en": "#{item}: {name}", "zh": "#{item}：{name}"},
    "ev_attached": {"en": "attached {text}", "zh": "附加了 {text}"},
    "ev_attached_text": {"en": "attached {text}", "zh": "附加了 {text}"},
    # -- recordations
    "cmd_recordations": {"en": "your customs recordations and their renewal", "zh": "我的海关备案及续展提醒"},
    "rec_header": {"en": "<b>Your customs recordations</b>", "zh": "<b>您的海关备案</b>"},
    "rec_none": {
        "en": "You keep no recordations here yet. Add one and I remind you when its renewal opens (six months "
        "before expiry), one month before expiry, and on the day it expires.",
        "zh": "您还没有在这里登记备案。添加后，我会在可以续展时（到期前六个月）、到期前一个月和到期当天提醒您。",
    },
    "rec_line": {
        "en": "{number} · {right} · in force until {expires}; renewal from {opens}",
        "zh": "{number} · {right} · 有效期至 {expires}；自 {opens} 起可申请续展",
    },
    "rec_guide_line": {"en": "   guide: {guide} ({photos} photo(s))", "zh": "   真伪辨别：{guide}（{photos} 张照片）"},
    "btn_rec_add": {"en": "➕ Add a recordation", "zh": "➕ 添加备案"},
    "btn_rec_remove": {"en": "Remove {number}", "zh": "删除 {number}"},
    "btn_rec_guide": {"en": "Guide for {number}", "zh": "{number} 真伪辨别"},
    "rec_ask_number": {"en": "The recordation number (e.g. T2019-12345):", "zh": "备案号（例如 T2019-12345）："},
    "rec_ask_right": {"en": "Which right is recorded?", "zh": "备案的是哪类权利？"},
    "rec_ask_which_date": {"en": "Which date do you have?", "zh": "您知道哪个日期？"},
    "btn_rec_approved": {"en": "Approval date", "zh": "核准日期"},
    "btn_rec_expires": {"en": "Expiry date", "zh": "到期日期"},
    "rec_ask_date": {"en": "Type the date, e.g. 2026-05-31 or 31 May 2026:", "zh": "请输入日期，例如 2026-05-31 或 2026年5月31日："},
    "rec_bad_date": {
        "en": "I cannot read “{typed}” as a date. Type it as 2026-05-31 or 31 May 2026.",
        "zh": "无法识别日期“{typed}”。请按 2026-05-31、31 May 2026 或 2026年5月31日 的格式输入。",
    },
    "rec_added": {
        "en": "Recordation {number} is kept: in force until {expires}. I remind you from {opens}.",
        "zh": "备案 {number} 已记录：有效期至 {expires}。自 {opens} 起我会提醒您。",
    },
    "rec_removed": {"en": "Recordation {number} is removed; no more reminders for it.", "zh": "备案 {number} 已删除，不再提醒。"},
    "rec_guide_ask": {
        "en": "How to tell genuine goods of {number} from fakes: type a short note (what to look at), then send "
        "photos if you like. /cancel when done.",
        "zh": "请简要说明如何辨别 {number} 的正品与侵权货物（看哪些特征），之后可发送照片。完成后发送 /cancel。",
    },
    "rec_guide_kept": {
        "en": "The guide for {number} is kept; officers can open it. Send photos now if you like.",
        "zh": "{number} 的真伪辨别说明已保存，关员可以查看。现在可以发送照片。",
    },
    "rec_photo_added": {"en": "📎 Photo added to the guide for {number}.", "zh": "📎 已添加到 {number} 的真伪辨别说明。"},
    "what_rec": {"en": "the recordation you were adding", "zh": "正在添加的备案"},
    "what_rec_guide": {"en": "the guide you were writing", "zh": "正在编写的真伪辨别说明"},
    "rec_officer_count": {
        "en": "Recordations of enterprises expiring in the next six months: {count}",
        "zh": "未来六个月内到期的企业备案：{count} 件",
    },
    "rec_guide_header": {
        "en": "<b>Guide to genuine goods: {number}</b> ({right}, {owner})\n{guide}",
        "zh": "<b>真伪辨别：{number}</b>（{right}，{owner}）\n{guide}",
    },
    "n_renewal_opens": {
        "en": "🔔 The renewal window of your recordation {number} is open: it expires on {expires}. Apply for "
        "renewal through the GACC recordation system within the six months before that day; a renewal runs "
        "ten more years.",
        "zh": "🔔 您的备案 {number} 已进入续展期：将于 {expires} 到期。请在到期前六个月内通过海关总署备案系统申请续展，"
        "续展后有效期再延长十年。",
    },
    "n_renewal_month": {
        "en": "🔔 Your recordation {number} expires in one month, on {expires}. If you have not applied for "
        "renewal yet, do it now through the GACC recordation system.",
        "zh": "🔔 您的备案 {number} 将在一个月后（{expires}）到期。如尚未申请续展，请尽快通过海关总署备案系统办理。",
    },
    "n_renewal_expired": {
        "en": "🔔 Your recordation {number} expires today, {expires}. Without renewal customs no longer "
        "protects the right ex officio; to be protected again, file a new recordation.",
        "zh": "🔔 您的备案 {number} 今天（{expires}）到期。未续展的，海关将不再依职权保护；如需保护，请重新申请备案。",
    },
    "card_guide": {"en": "Recordation guide on file for {number}", "zh": "{number} 有真伪辨别说明"},
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
