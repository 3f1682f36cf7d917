"""The console's strings in Chinese (default) and English; `t(key)` picks the language chosen in the sidebar.

Shared strings live here, those of the duty desk, the drill builder and the evaluation page in `ui/strings.py`.
"""

from __future__ import annotations

import re

import streamlit as st

from ui.strings import PAGE_STRINGS

LANG_KEY = "lang_en"

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"zh": "应急预案智能助手", "en": "Emergency plan assistant"},
    "english": {"zh": "English", "en": "English"},
    "api": {"zh": "服务地址", "en": "API"},
    "api_down": {"zh": "无法连接服务", "en": "Cannot reach the API"},
    "status": {"zh": "已入库 {documents} 份文档、{chunks} 个条文片段", "en": "{documents} documents, {chunks} chunks"},
    # login
    "api_key": {"zh": "访问密钥", "en": "Access key"},
    "api_key_help": {"zh": "向系统管理员索取", "en": "Ask your administrator for one"},
    "sign_out": {"zh": "退出登录", "en": "Sign out"},
    "signed_in": {"zh": "当前用户：{user}（{role}）", "en": "Signed in: {user} ({role})"},
    "open_mode": {"zh": "服务未配置密钥，本机以管理员身份访问", "en": "No API keys configured: local access as admin"},
    "need_key": {"zh": "请输入访问密钥后使用。", "en": "Enter your access key to continue."},
    "bad_key": {"zh": "密钥无效或已吊销：{message}", "en": "Invalid or revoked key: {message}"},
    "role_admin": {"zh": "管理员", "en": "admin"},
    "role_duty_officer": {"zh": "值班员", "en": "duty officer"},
    "role_trainer": {"zh": "培训员", "en": "trainer"},
    "role_staff": {"zh": "工作人员", "en": "staff"},
    # pages
    "page_desk": {"zh": "值班台", "en": "Duty desk"},
    "page_search": {"zh": "预案查询", "en": "Search"},
    "page_chat": {"zh": "法规问答", "en": "Ask the rules"},
    "page_drill": {"zh": "演练出题", "en": "Drill builder"},
    "page_exercise": {"zh": "桌面推演", "en": "Tabletop exercise"},
    "page_library": {"zh": "文档库", "en": "Library"},
    "page_eval": {"zh": "评测", "en": "Evaluation"},
    # search
    "query": {"zh": "查询内容", "en": "Query"},
    "query_help": {"zh": "例如：防汛预案 4.2 信息报告；应对条例第四条", "en": "e.g. flood plan 4.2; regulation article 4"},
    "doc_type": {"zh": "文档类型", "en": "Document type"},
    "hazard": {"zh": "灾种", "en": "Hazard"},
    "issuer": {"zh": "发布机关", "en": "Issuer"},
    "year": {"zh": "年份", "en": "Year"},
    "version": {"zh": "版本", "en": "Version"},
    "top_k": {"zh": "结果数", "en": "Results"},
    "no_hits": {"zh": "文档中未找到相关内容。", "en": "Nothing relevant found in the documents."},
    "weak_hits": {"zh": "未找到足够相关的条文，以下为最接近的内容。", "en": "No strong match; the closest passages:"},
    "view_source": {"zh": "查看原文", "en": "View source"},
    "page": {"zh": "第{page}页", "en": "p. {page}"},
    "score": {"zh": "相关度", "en": "score"},
    # passage viewer
    "passage": {"zh": "原文", "en": "Source passage"},
    "quote_marked": {"zh": "引用原文已高亮标出", "en": "The quoted text is highlighted"},
    "pdf_page": {"zh": "原文件第 {page} 页（共 {pages} 页）", "en": "Page {page} of {pages} of the original"},
    "pdf_unmarked": {"zh": "未能在该页文字层中定位引文，请对照右侧高亮文字。", "en": "The quote was not located on the page's text layer; see the marked text."},
    "pdf_unavailable": {"zh": "无法显示原文件页面：{error}", "en": "Cannot show the original page: {error}"},
    # types
    "type_any": {"zh": "全部", "en": "All"},
    "type_plan": {"zh": "应急预案", "en": "Plan"},
    "type_regulation": {"zh": "法律法规", "en": "Regulation"},
    "type_review": {"zh": "复盘报告", "en": "Review"},
    "type_other": {"zh": "其他", "en": "Other"},
    # chat
    "chat_placeholder": {"zh": "请输入关于法规、预案的问题", "en": "Ask about the laws and plans"},
    "chat_clear": {"zh": "清空对话", "en": "Clear chat"},
    "sources": {"zh": "依据", "en": "Sources"},
    "refused": {"zh": "无法回答", "en": "Cannot answer"},
    "closest": {"zh": "最接近的条文", "en": "Closest passages"},
    "thinking": {"zh": "正在检索文档…", "en": "Searching the documents…"},
    # library
    "documents": {"zh": "文档列表", "en": "Documents"},
    "no_documents": {"zh": "文档库为空，请先上传文档。", "en": "The library is empty; upload documents first."},
    "col_title": {"zh": "标题", "en": "Title"},
    "col_type": {"zh": "类型", "en": "Type"},
    "col_version": {"zh": "版本", "en": "Version"},
    "col_access": {"zh": "密级", "en": "Access"},
    "col_chunks": {"zh": "条文数", "en": "Chunks"},
    "col_status": {"zh": "状态", "en": "Status"},
    "col_warnings": {"zh": "提示", "en": "Warnings"},
    "upload": {"zh": "上传文档", "en": "Upload documents"},
    "upload_files": {"zh": "选择文件（PDF、DOCX、MD、TXT、HTML）", "en": "Files (PDF, DOCX, MD, TXT, HTML)"},
    "type_auto": {"zh": "自动识别", "en": "Detect"},
    "access_level": {"zh": "密级", "en": "Access level"},
    "title_optional": {"zh": "标题（可选，仅单个文件）", "en": "Title (optional, one file only)"},
    "password": {"zh": "PDF 密码（可选）", "en": "PDF password (optional)"},
    "upload_submit": {"zh": "上传并入库", "en": "Upload and ingest"},
    "upload_none": {"zh": "请先选择文件。", "en": "Choose files first."},
    "upload_progress": {"zh": "正在入库 {done}/{total}：{name}", "en": "Ingesting {done}/{total}: {name}"},
    "upload_done": {"zh": "已处理 {total} 个文件", "en": "{total} files processed"},
    "ingested": {"zh": "已入库：{title}（{chunks} 个条文片段，{status}）", "en": "Ingested: {title} ({chunks} chunks, {status})"},
    "ingest_failed": {"zh": "入库失败：{name}：{error}", "en": "Failed: {name}: {error}"},
    "delete": {"zh": "删除文档", "en": "Delete a document"},
    "delete_choose": {"zh": "选择要删除的文档", "en": "Document to delete"},
    "delete_confirm": {"zh": "确认删除（不可恢复）", "en": "Confirm (cannot be undone)"},
    "delete_submit": {"zh": "删除", "en": "Delete"},
    "deleted": {"zh": "已删除：{title}", "en": "Deleted: {title}"},
    "open_file": {"zh": "下载原文件", "en": "Download the original"},
    "admin_only": {"zh": "上传和删除文档仅限管理员。", "en": "Only admins upload and delete documents."},
    "structure": {"zh": "文档结构", "en": "Document structure"},
    "structure_choose": {"zh": "选择文档", "en": "Document"},
    "structure_clause": {"zh": "查看条文", "en": "Read a clause"},
    # sign-in (for end users: no HTTP words)
    "sign_in_title": {"zh": "登录", "en": "Sign in"},
    "sign_in_intro": {"zh": "请输入管理员发给您的访问密钥。没有密钥或密钥失效，请联系系统管理员。",
                      "en": "Enter the access key your administrator gave you. No key, or it stopped working? "
                            "Ask your administrator."},
    "bad_key_plain": {"zh": "该密钥无效或已被停用，请核对后重试，或联系系统管理员。",
                      "en": "This key is not valid or has been revoked. Check it, or ask your administrator."},
    "page_forbidden": {"zh": "「{page}」仅限{roles}使用，您当前的身份是{role}，已为您打开「{home}」。",
                       "en": "“{page}” is for {roles} only; you are signed in as {role}, so “{home}” opened instead."},
    "incident_label": {"zh": "#{id} {title}（{status}）", "en": "#{id} {title} ({status})"},
    "roles_joiner": {"zh": "、", "en": " and "},
    # library: statuses and access levels in words
    "doc_status_indexed": {"zh": "已入库", "en": "indexed"},
    "doc_status_needs_ocr": {"zh": "待OCR识别", "en": "needs OCR"},
    "doc_status_indexing": {"zh": "入库中", "en": "indexing"},
    "doc_status_unchanged": {"zh": "未变化", "en": "unchanged"},
    "doc_status_replaced": {"zh": "已替换旧版", "en": "replaced"},
    "doc_status_duplicate": {"zh": "重复文件", "en": "duplicate"},
    "access_public": {"zh": "公开", "en": "public"},
    "access_internal": {"zh": "内部", "en": "internal"},
    "access_restricted": {"zh": "受限", "en": "restricted"},
    "upload_step": {"zh": "正在入库 {done}/{total}：{name} · {stage}", "en": "Ingesting {done}/{total}: {name} · {stage}"},
    "stage_loading": {"zh": "已读取 {done}/{count} 页", "en": "read {done}/{count} pages"},
    "stage_ocr": {"zh": "已OCR识别 {done}/{count} 页", "en": "OCR {done}/{count} pages"},
    "stage_embedding": {"zh": "已向量化 {done}/{count} 个片段", "en": "embedded {done}/{count} chunks"},
    "stage_done": {"zh": "完成", "en": "done"},
    "encrypted_pdf": {"zh": "{name}：这是加密PDF，请在上传表单的「PDF 密码」栏填写密码后重新上传。",
                      "en": "{name}: this PDF is encrypted; enter its password in the form's “PDF password” field and "
                            "upload it again."},
    "wrong_password": {"zh": "{name}：PDF 密码不正确，请在上传表单的「PDF 密码」栏重新填写后上传。",
                       "en": "{name}: the PDF password is wrong; correct it in the form's “PDF password” field and "
                             "upload again."},
    **PAGE_STRINGS,
}


_CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")


def one_language(message: str) -> str:
    """The active language's half of a bilingual API message 「中文 / English」 (either order; the half with
    Chinese characters is the Chinese one). A message in one language only is returned as it is."""
    if " / " not in message:
        return message
    head, _, tail = message.partition(" / ")
    prefix = ""
    if ": " in head and not _CJK.search(head.split(": ", 1)[0]) and _CJK.search(head.split(": ", 1)[1]):
        prefix, head = head.split(": ", 1)[0] + ": ", head.split(": ", 1)[1]  # 「file.pdf: 中文 / English」
    zh_first = len(_CJK.findall(head)) >= len(_CJK.findall(tail))
    zh, en = (head, tail) if zh_first else (tail, head)
    return prefix + (en if lang() == "en" else zh)


def lang() -> str:
    return "en" if st.session_state.get(LANG_KEY) else "zh"


def t(key: str, **values: object) -> str:
    """The string `key` in the current language, formatted with `values`."""
    entry = STRINGS[key]
    text = entry.get(lang()) or entry["zh"]
    return text.format(**values) if values else text
