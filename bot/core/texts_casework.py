# ruff: noqa: E501  (a sentence reads better whole than cut to fit; Chinese characters count double)
"""The sentences of casework (issue 15), English and Chinese: structured intake, attachments, service levels,
duplicates and merges, satisfaction, recordations and the chart. Merged into bot.core.texts.TEXTS, where the
texts test checks both languages and their placeholders like every other sentence."""

from __future__ import annotations

CASEWORK_TEXTS: dict[str, dict[str, str]] = {
    # -- service levels (working days, the Chinese calendar)
    "due_first_response": {"en": "first response", "zh": "首次答复"},
    "due_resolution": {"en": "resolution", "zh": "办结"},
    "due_line": {"en": "{stage} due {when}", "zh": "{stage}期限 {when}"},
    "due_late": {"en": "{stage} {days} working day(s) late", "zh": "{stage}已超期 {days} 个工作日"},
    "queue_line_due": {
        "en": "#{item} · {due} · {status} · {category} · {enterprise}: {title}",
        "zh": "#{item} · {due} · {status} · {category} · {enterprise}：{title}",
    },
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
    # -- duplicates and merges
    "dup_offer": {
        "en": "This looks like your open #{item} “{title}”. Add it to #{item} instead of logging a new item?",
        "zh": "这与您未办结的 #{item}“{title}”很相似。是否补充到 #{item}，而不是新登记一件？",
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
    "attach_kind_photo": {"en": "photo", "zh": "照片"},
    "attach_kind_document": {"en": "document", "zh": "文件"},
    "attachments_header": {"en": "<b>Attachments</b> (press to have one sent again)", "zh": "<b>附件</b>（点击可重新发送）"},
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
